from portal.blueprints.taxonomy import bp


@bp.get('/')
def overview():
    return 'TODO', 501
