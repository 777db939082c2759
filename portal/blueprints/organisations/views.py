from portal.blueprints.organisations import bp


@bp.get('/')
def overview():
    return 'TODO', 501
