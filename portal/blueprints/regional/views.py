from portal.blueprints.regional import bp


@bp.get('/vraag')
def demand():
    return 'TODO', 501


@bp.get('/vooruitblik')
def outlook():
    return 'TODO', 501
