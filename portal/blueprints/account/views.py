from portal.blueprints.account import bp


@bp.get('/')
def overview():
    return 'TODO', 501
