from portal.blueprints.network import bp


@bp.get('/')
def demand():
    return 'TODO', 501
