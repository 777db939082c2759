from portal.blueprints.review import bp


@bp.get('/')
def queue():
    return 'TODO', 501
