"""The SAM project the local API serves: its APIs as AWS will deploy them
(deployed.py), and its functions as `sam local` runs them (sam.py)."""

from pathlib import Path

from sam_local_api import deployed
from sam_local_api.deployed import Api, ApiRoute, DefinitionError
from sam_local_api.sam import HTTP, SamProject, conditions_applied, parameter_values, resolve_value, yaml_parse

# The names `sam local start-api` looks for when no template is given, in its order.
DEFAULT_TEMPLATES = (".aws-sam/build/template.yaml", "template.yaml", "template.yml", "template.json")
# The account id `sam local` gives every made-up ARN.
ACCOUNT = "123456789012"


class ProjectError(Exception):
    """The template, or a document it imports, cannot be served; the message says why, in one line."""


class Project:
    def __init__(
        self,
        template: Path,
        parameter_overrides: dict | None = None,
        env_vars: dict | None = None,
        region: str = "us-east-1",
        client_id: str = "local-client",
    ):
        self.template_path = template.resolve()
        self.region = region
        if not self.template_path.is_file():
            raise ProjectError(f"{template}: no such file")
        try:
            written = yaml_parse(self.template_path.read_text()) or {}
            values = parameter_values(written, parameter_overrides or {}, region)
            # What is not created (a false condition's resources and branches) is not served or warned of.
            self.template = conditions_applied(written, values)
            self.sam = SamProject(self.template_path, parameter_overrides, env_vars, region)
        except Exception as error:
            raise ProjectError(f"{template.name}: {first_line(error)}") from error
        # What is wrong with the template but served anyway, said at start.
        self.warnings: list[str] = []
        self._validate_documents(values)
        try:
            self.deployed = deployed.read(self.template_path, self.template, values, region, self._symbols(client_id))
        except DefinitionError as error:
            raise ProjectError(f"{template.name}: {error}") from error
        self.apis: list[Api] = deployed.apis(self.deployed)
        self.routes: list[ApiRoute] = [route for api in self.apis for route in deployed.routes(api)]

    @property
    def directory(self) -> Path:
        return self.template_path.parent

    @property
    def user_pool_id(self) -> str:
        """The local user pool's id, shaped as Cognito's ({region}_{id})."""
        return f"{self.region}_local"

    @property
    def user_pool_arn(self) -> str:
        """The local user pool's ARN, as the template's Fn::GetAtt of its pool's Arn gives it."""
        return f"arn:aws:cognito-idp:{self.region}:{ACCOUNT}:userpool/{self.user_pool_id}"

    @property
    def default_api(self) -> Api | None:
        """The API whose gateway answers a request no API routes: the first REST API, else the first."""
        rest = [api for api in self.apis if api.kind != HTTP]
        return (rest or self.apis or [None])[0]

    def resources(self, resource_type: str, *, deployed: bool = False) -> dict[str, dict]:
        """The template's resources of a type: as written, or as deployed (CloudFormation
        functions resolved, SAM resources transformed)."""
        template = self.deployed if deployed else self.template
        return {
            name: resource
            for name, resource in template.get("Resources", {}).items()
            if resource.get("Type") == resource_type
        }

    def tables(self) -> dict[str, dict]:
        """The template's tables (SimpleTables too, as the transform makes them), each by every
        name its functions may use: its TableName, the value of each environment variable that
        Refs it (as SAM resolves it, --env-vars applied), else its logical id, which its Ref is
        locally. With their properties: keys, indexes, time to live."""
        tables = {
            name: r.get("Properties", {}) for name, r in self.resources("AWS::DynamoDB::Table", deployed=True).items()
        }
        names: dict[str, set[str]] = {logical: set() for logical in tables}
        shared = self.template.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {})
        for function in self.sam.function_names():
            own = self.template.get("Resources", {}).get(function, {}).get("Properties", {})
            variables = {**shared, **own.get("Environment", {}).get("Variables", {})}
            refs = {
                v: value["Ref"]
                for v, value in variables.items()
                if isinstance(value, dict) and value.get("Ref") in tables
            }
            if refs:
                environment = self.sam.environment(function)
                for variable, logical in refs.items():
                    names[logical].add(environment[variable])
        found = {}
        for logical, properties in tables.items():
            declared = properties.get("TableName")
            wanted = names[logical] | ({declared} if isinstance(declared, str) else set())
            found |= dict.fromkeys(wanted or {logical}, properties)
        return found

    def _symbols(self, client_id: str) -> dict:
        """What the template's Cognito resources stand for locally: the local user pool and client."""
        pool = self.user_pool_id
        symbols = {}
        for name in self.resources("AWS::Cognito::UserPool"):
            symbols[name] = {
                "Ref": pool,
                "Arn": self.user_pool_arn,
                "ProviderName": f"cognito-idp.{self.region}.amazonaws.com/{pool}",
                "ProviderURL": f"https://cognito-idp.{self.region}.amazonaws.com/{pool}",
                "UserPoolId": pool,
            }
        for name in self.resources("AWS::Cognito::UserPoolClient"):
            symbols[name] = {"Ref": client_id, "ClientId": client_id}
        for name, server in self.resources("AWS::Cognito::UserPoolResourceServer").items():
            # A resource server's Ref is its identifier, which its scopes are named after.
            symbols[name] = {"Ref": server.get("Properties", {}).get("Identifier", name)}
        for kind in ("AWS::Serverless::Function", "AWS::Lambda::Function"):
            for name in self.resources(kind):
                # By its logical id, however its FunctionName is made: the integrations find it so.
                symbols[name] = {"Arn": f"arn:aws:lambda:{self.region}:{ACCOUNT}:function:{name}"}
        return symbols

    def _validate_documents(self, values: dict) -> None:
        """The OpenAPI documents the template's APIs import, as their authors wrote them (with the
        parameters' `values`): each valid."""
        from openapi_spec_validator import validate

        for api in [
            *self.resources("AWS::Serverless::Api").values(),
            *self.resources("AWS::Serverless::HttpApi").values(),
        ]:
            properties = api.get("Properties", {})
            name, document = _written_document(properties, self.directory)
            if document is None:
                continue
            resolved = resolve_value(document, values)
            for version in ("openapi", "swagger"):
                if isinstance(resolved.get(version), int | float):
                    resolved[version] = str(resolved[version])  # written unquoted (swagger: 2.0)
            try:
                validate(resolved)
            except Exception as error:
                # API Gateway imports what it can (FailOnWarnings is false unless set): so does the local API.
                self.warnings.append(f"{name} is not a valid OpenAPI document ({first_line(error)}): served as it is")


def _written_document(properties: dict, directory: Path) -> tuple[str, dict | None]:
    body = properties.get("DefinitionBody")
    include = body.get("Fn::Transform", {}) if isinstance(body, dict) else {}
    try:
        if include.get("Name") == "AWS::Include" and isinstance(include.get("Parameters", {}).get("Location"), str):
            location = include["Parameters"]["Location"]
            if not location.startswith("s3://"):
                return location, yaml_parse((directory / location).read_text())
        elif isinstance(body, dict) and ("openapi" in body or "swagger" in body):
            return "DefinitionBody", body
        elif isinstance(properties.get("DefinitionUri"), str) and not properties["DefinitionUri"].startswith("s3://"):
            uri = properties["DefinitionUri"]
            return uri, yaml_parse((directory / uri).read_text())
    except Exception as error:
        raise ProjectError(
            f"{include.get('Parameters', {}).get('Location') or 'DefinitionUri'}: {first_line(error)}"
        ) from error
    return "", None


def find_template(directory: Path) -> Path:
    """The template `sam local start-api` would serve from `directory`: the built one first."""
    for name in DEFAULT_TEMPLATES:
        if (directory / name).is_file():
            return directory / name
    raise ProjectError(f"no template in {directory} ({', '.join(DEFAULT_TEMPLATES)}): name one with -t")


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
