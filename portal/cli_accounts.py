"""`flask create-user`: make an admin or a staff account from the server's command line.

The first admin of a new deployment can only be made here; after that admins create staff in
the portal, and this command stays for automation and emergencies.
"""

from contextlib import nullcontext

import click
from flask import Flask, current_app

from portal.blueprints.admin.operations import NotAllowed, create_account
from portal.extensions import db
from portal.models.accounts import StaffKind
from portal.models.tenancy import Region


@click.command('create-user')
@click.argument('email')
@click.option('--name', required=True, help='The person\'s name as the portal shows it.')
@click.option('--admin', 'is_admin', is_flag=True, help='Make a platform admin.')
@click.option('--region', 'region_slug', help='Short name of the region of a staff member (e.g. vechtdal).')
@click.option('--role', 'kind', type=click.Choice([kind.value for kind in StaffKind]),
              help='Role of a staff member in --region.')
@click.option('--locale', default='nl', show_default=True, type=click.Choice(['nl', 'en']),
              help='Language of the pages and mail.')
@click.option('--password-from-stdin', is_flag=True,
              help='Read the password from the first line of standard input instead of mailing a link.')
@click.option('--url', envvar='PORTAL_URL',
              help='The portal\'s public address (e.g. https://kansenkamer.example.nl) for the link in the '
                   'welcome mail; default PORTAL_URL, or SERVER_NAME when it is set.')
def create_user_command(email: str, name: str, is_admin: bool, region_slug: str | None, kind: str | None,
                        locale: str, password_from_stdin: bool, url: str | None) -> None:
    """Create an account for EMAIL: an admin (--admin), a staff member (--region and --role), or both.

    Without --password-from-stdin the person gets a mail with a link to choose their own password.
    """
    if (region_slug is None) != (kind is None):
        raise click.UsageError('a staff member needs both --region and --role')
    if region_slug is None and not is_admin:
        raise click.UsageError('say what the account is for: --admin, or --region with --role (or both)')
    region = None
    if region_slug is not None:
        region = Region.by_slug(region_slug)
        if region is None:
            raise click.BadParameter(f'no region with the short name {region_slug!r}', param_hint='--region')

    password = None
    if password_from_stdin:
        stdin = click.get_text_stream('stdin')
        password = stdin.readline().rstrip('\r\n')
    elif not url and not current_app.config.get('SERVER_NAME'):
        raise click.UsageError('the welcome mail needs the portal\'s address: pass --url (or set PORTAL_URL), '
                               'or use --password-from-stdin')

    # The welcome link is built with url_for, which needs to know the portal's public address.
    context = current_app.test_request_context(base_url=url) if url and password is None else nullcontext()
    with context:
        try:
            user = create_account(None, email=email, name=name, locale=locale, is_admin=is_admin, region=region,
                                  kind=kind, password=password)
        except NotAllowed as refused:
            db.session.rollback()
            raise click.ClickException(str(refused)) from None
    db.session.commit()

    roles = []
    if is_admin:
        roles.append('admin')
    if region is not None:
        roles.append(f'{kind} in {region.name}')
    click.echo(f'Created user {user.id} <{user.email}>: {" and ".join(roles)}.')
    if password is None:
        click.echo('A welcome mail with a link to choose a password is in the outbox; '
                   '`flask send-mail` or the next run-jobs sends it.')
    else:
        click.echo('The password is set; no mail was sent. The email address is not confirmed yet.')


def init_app(app: Flask) -> None:
    app.cli.add_command(create_user_command)
