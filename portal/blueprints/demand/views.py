from portal.blueprints.demand import bp


@bp.get('/')
def overview():
    return 'TODO', 501


@bp.get('/behoeften/<int:posting_id>')
def view_need(posting_id: int):
    return 'TODO', 501


@bp.get('/plannen/<int:posting_id>')
def view_plan(posting_id: int):
    return 'TODO', 501
