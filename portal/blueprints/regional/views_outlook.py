from portal.blueprints.regional import bp


@bp.get('/vooruitblik')
def outlook():
    return 'TODO', 501
