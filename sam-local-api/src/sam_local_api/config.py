"""The local API's configuration: one object, made from the command line (cli.py)
and the files and variables it names, read once at start."""

import json
import os
import secrets
import string
from dataclasses import dataclass, field
from pathlib import Path

from joserfc.jwk import RSAKey

from sam_local_api import cognito
from sam_local_api.sam import parameter_overrides

# Where the local API keeps what it makes on first run, in the directory it runs in
# (not committed: add them to .gitignore), unless named otherwise.
KEYS_FILE = ".local-api-keys"
CLIENT_FILE = ".local-api-client"
# The variables that give them instead.
KEYS_VARIABLE = "SAM_LOCAL_API_KEYS"
CLIENT_VARIABLES = ("SAM_LOCAL_API_CLIENT_ID", "SAM_LOCAL_API_CLIENT_SECRET")


class ConfigError(Exception):
    """A flag, file or variable the local API cannot use; the message says which and why."""


@dataclass(frozen=True)
class Config:
    template: Path
    host: str = "127.0.0.1"
    port: int = 3000
    region: str = "us-east-1"
    env_vars: dict = field(default_factory=dict)
    parameter_overrides: dict = field(default_factory=dict)
    static_dir: Path | None = None
    # API Gateway in front of the functions.
    api_keys: tuple[str, ...] = ()
    client_id: str = ""
    client_secret: str = ""
    signing_key: RSAKey | None = None
    throttle: bool = True
    disable_authorizer: bool = False
    strict_responses: bool = False
    # The functions, and the store behind them.
    mock: bool = False
    fresh: bool = False
    dynamodb_endpoint: str | None = None
    data: Path | None = None
    seed: Path | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def issuer(self) -> str:
        """The local user pool's issuer. Deployed it is https://cognito-idp.{region}.amazonaws.com/{userPoolId},
        a pool id being {region}_{id}: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html"""
        return f"{self.url}/{self.region}_local"


def read_env_vars(path: Path | None) -> dict:
    """--env-vars FILE, in `sam local`'s format: {"Function": {"VAR": "value"}, "Parameters": {...}}."""
    if path is None:
        return {}
    try:
        values = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise ConfigError(f"--env-vars {path}: {getattr(error, 'strerror', None) or error}") from error
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        raise ConfigError(f'--env-vars {path}: expected {{"FunctionName": {{"VAR": "value"}}, ...}}')
    return values


def read_parameter_overrides(values: list[str] | None) -> dict:
    try:
        return parameter_overrides(tuple(values or ()))
    except ValueError as error:
        raise ConfigError(f"--parameter-overrides: {error}") from error


def read_api_keys(path: Path | None) -> tuple[str, ...]:
    """The keys from --api-keys-file, else $SAM_LOCAL_API_KEYS (comma-separated),
    else .local-api-keys (made, with one random key, if missing)."""
    from_env = [key.strip() for key in os.environ.get(KEYS_VARIABLE, "").split(",") if key.strip()]
    if path is None and from_env:
        return tuple(from_env)
    if path is None:
        path = Path(KEYS_FILE)
        if not path.exists():
            _write_private(path, f"# API keys of the local API, one a line (not committed).\n{new_api_key()}\n")
    try:
        lines = path.read_text().splitlines()
    except OSError as error:
        raise ConfigError(f"--api-keys-file {path}: {error.strerror}") from error
    keys = tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    if not keys:
        raise ConfigError(f"--api-keys-file {path}: no key in it")
    return keys


def read_client(path: Path | None) -> tuple[str, str]:
    """The user pool client's id and secret: $SAM_LOCAL_API_CLIENT_ID and
    $SAM_LOCAL_API_CLIENT_SECRET, else the --client-file (default .local-api-client,
    made if missing), in sh syntax so that `. ./.local-api-client` sets both."""
    from_env = tuple(os.environ.get(name, "") for name in CLIENT_VARIABLES)
    if path is None and all(from_env):
        return from_env
    path = path or Path(CLIENT_FILE)
    if not path.exists():
        values = dict(zip(CLIENT_VARIABLES, new_client(), strict=True))
        note = f"# The local user pool's client (not committed), in sh syntax: . ./{path.name}\n"
        _write_private(path, note + "".join(f"{name}={value}\n" for name, value in values.items()))
    try:
        lines = path.read_text().splitlines()
    except OSError as error:
        raise ConfigError(f"--client-file {path}: {error.strerror}") from error
    values = {}
    for line in lines:
        name, _, value = line.partition("=")
        if name.strip() in CLIENT_VARIABLES:
            values[name.strip()] = value.strip()
    if not all(values.get(name) for name in CLIENT_VARIABLES):
        raise ConfigError(f"{path}: expected {' and '.join(CLIENT_VARIABLES)}")
    return values[CLIENT_VARIABLES[0]], values[CLIENT_VARIABLES[1]]


def read_signing_key(path: Path | None) -> RSAKey | None:
    """The user pool's key from --signing-key FILE, made there first when FILE is missing
    (so one key, and the tokens it signed, outlive restarts); None: a new key each start."""
    if path is None:
        return None
    if not path.exists():
        _write_private(path, cognito.new_signing_key().as_pem(private=True).decode("ascii"))
    try:
        return cognito.signing_key(path.read_text())
    except (OSError, ValueError) as error:
        raise ConfigError(f"--signing-key {path}: {getattr(error, 'strerror', None) or error}") from error


def new_client() -> tuple[str, str]:
    """A client id and secret shaped as Cognito's: a 26-character lowercase id, a long random secret."""
    return _random_text(string.ascii_lowercase + string.digits, 26), secrets.token_urlsafe(38)


def new_api_key() -> str:
    """A key shaped as API Gateway's: an API key's value "is an alphanumeric string
    between 20 and 128 characters" (docs.aws.amazon.com/apigateway/latest/
    developerguide/api-gateway-api-usage-plans.html). Alphanumeric also keeps a key
    from starting with "-", which a command line would read as an option."""
    return _random_text(string.ascii_letters + string.digits, 40)


def _random_text(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


def _write_private(path: Path, text: str) -> None:
    """A new file only its owner may read: it holds secrets."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # made meanwhile by another start: the caller reads that one
    except OSError as error:
        raise ConfigError(f"{path}: {error.strerror}") from error
    with os.fdopen(descriptor, "w") as out:
        out.write(text)
