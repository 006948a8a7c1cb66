import click

@click.group()
def cli() -> None:
    """monitor"""

def main() -> None:
    cli()
