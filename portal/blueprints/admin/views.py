from portal.blueprints.admin import bp


@bp.get('/')
def overview():
    return 'TODO', 501
