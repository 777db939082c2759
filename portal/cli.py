"""Command-line tasks: `flask seed-demo`, `flask send-mail`, `flask run-jobs`, `flask send-test-mail`."""

import click
from flask import Flask, current_app

from portal import cli_accounts, cli_places
from portal.core import (  # noqa: F401 (each demo_* registers its seeder on import, after those it imports)
    demo,
    demo_accounts,
    demo_activities,
    demo_buddies,
    demo_caseload,
    demo_demand,
    demo_network,
    jobs,
    mail,
)
from portal.extensions import db


@click.command('seed-demo')
@click.option('--force', is_flag=True, help='Run even under the production settings.')
def seed_demo_command(force: bool) -> None:
    """Add the demo regions and data; running it again changes nothing."""
    if not current_app.config['SEED_DEMO_ALLOWED'] and not force:
        raise click.ClickException('seed-demo refuses to run with production settings; add --force if you mean it.')
    for line in demo.seed_demo():
        click.echo(line)


@click.command('send-mail')
@click.option('--retry-failed', is_flag=True, help='First give messages that were given up on a new set of tries.')
def send_mail_command(retry_failed: bool) -> None:
    """Send the outbox's due messages now, under the same lease as run-jobs (never two senders at once)."""
    if retry_failed:
        click.echo(f'{mail.retry_failed()} failed messages queued again')
    [outcome] = jobs.run_due_jobs(only=['send-mail'])
    if outcome.status == 'busy':
        click.echo('another run is sending mail right now; nothing to do')
    else:
        click.echo(outcome.summary or outcome.status)
    if outcome.status == 'error':
        raise SystemExit(1)


@click.command('run-jobs')
@click.option('--only', multiple=True, help='Run only this job (repeatable).')
def run_jobs_command(only: tuple[str, ...]) -> None:
    """Run every periodic job that is due; schedule this every minute from cron."""
    unknown = sorted(set(only) - set(jobs.JOBS))
    if unknown:  # a typo in a crontab would otherwise run nothing, silently, every minute
        raise click.BadParameter(f'no job named {", ".join(unknown)}; the jobs are {", ".join(jobs.JOBS)}',
                                 param_hint='--only')
    outcomes = jobs.run_due_jobs(only=list(only) or None)
    for outcome in outcomes:
        click.echo(f'{outcome.name}: {outcome.status}' + (f' ({outcome.summary})' if outcome.summary else ''))
    if any(outcome.status == 'error' for outcome in outcomes):
        raise SystemExit(1)


@click.command('send-test-mail')
@click.argument('recipient')
@click.option('--locale', default='nl', type=click.Choice(['nl', 'en']))
def send_test_mail_command(recipient: str, locale: str) -> None:
    """Queue a test message to RECIPIENT, to check the mail settings of a deployment."""
    message = mail.queue_mail(recipient, 'core/test_message', locale=locale)
    db.session.commit()
    click.echo(f'queued message {message.id}; `flask send-mail` or the next run-jobs sends it')


def init_app(app: Flask) -> None:
    for command in (seed_demo_command, send_mail_command, run_jobs_command, send_test_mail_command):
        app.cli.add_command(command)
    cli_accounts.init_app(app)
    cli_places.init_app(app)
