from flask import render_template
from sqlalchemy import select

from portal.blueprints.devmail import bp
from portal.extensions import db
from portal.models.outbox import OutboxMessage


@bp.get('/')
def list_messages():
    messages = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(200)).all()
    return render_template('devmail/list.html', messages=messages)


@bp.get('/<int:message_id>')
def show_message(message_id: int):
    message = db.get_or_404(OutboxMessage, message_id)
    return render_template('devmail/show.html', message=message)
