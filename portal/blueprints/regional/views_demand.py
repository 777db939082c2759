from portal.blueprints.regional import bp


@bp.get('/vraag')
def demand():
    return 'TODO', 501
