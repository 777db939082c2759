from portal.blueprints.staff import bp


@bp.get('/organisaties')
def verification_queue():
    return 'TODO', 501
