"""The SAM project the local API serves: its routes and functions as SAM CLI reads
them, and the OpenAPI document its REST API imports, which says what API
Gateway does before and after a function (authorizers, API keys, request
validators, gateway responses, documented responses).
"""

from pathlib import Path

import yaml

from sam_local_api.openapi import cognito_schemes
from sam_local_api.sam import SamProject

# The names `sam local start-api` looks for when no template is given, in its order.
DEFAULT_TEMPLATES = (".aws-sam/build/template.yaml", "template.yaml", "template.yml", "template.json")


class ProjectError(Exception):
    """The template, or the document it imports, cannot be served; the message says why, in one line."""


class Project:
    def __init__(
        self,
        template: Path,
        parameter_overrides: dict | None = None,
        env_vars: dict | None = None,
        region: str | None = None,
    ):
        self.template_path = template.resolve()
        if not self.template_path.is_file():
            raise ProjectError(f"{template}: no such file")
        try:
            self.sam = SamProject(self.template_path, parameter_overrides, env_vars, region)
        except Exception as error:
            raise ProjectError(f"{template.name}: {first_line(error)}") from error
        self.template = self.sam.template
        self.spec_path = self._imported_document()
        self.spec = self._read_spec() if self.spec_path else None

    @property
    def directory(self) -> Path:
        return self.template_path.parent

    def resources(self, resource_type: str) -> dict[str, dict]:
        return {
            name: resource
            for name, resource in self.template.get("Resources", {}).items()
            if resource.get("Type") == resource_type
        }

    def first_api(self) -> dict:
        """The properties of the template's first AWS::Serverless::Api, or none."""
        return next(iter(self.resources("AWS::Serverless::Api").values()), {}).get("Properties", {})

    def tables(self) -> dict[str, dict]:
        """The template's tables, by the name its functions see (an environment variable that
        Refs the table, as SAM resolves it, --env-vars applied), with their properties."""
        tables = self.resources("AWS::DynamoDB::Table")
        shared = self.template.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {})
        found = {}
        for name in self.sam.function_names():
            own = self.template.get("Resources", {}).get(name, {}).get("Properties", {})
            variables = {**shared, **own.get("Environment", {}).get("Variables", {})}
            refs = {
                variable: value["Ref"]
                for variable, value in variables.items()
                if isinstance(value, dict) and value.get("Ref") in tables
            }
            if refs:
                environment = self.sam.environment(name)
                found |= {environment[variable]: tables[ref]["Properties"] for variable, ref in refs.items()}
        return found

    def cognito_scheme(self) -> str | None:
        found = cognito_schemes(self.spec) if self.spec else []
        return found[0] if found else None

    def _imported_document(self) -> Path | None:
        """The OpenAPI document the REST API imports with AWS::Include, if it does."""
        for api in self.resources("AWS::Serverless::Api").values():
            body = api.get("Properties", {}).get("DefinitionBody", {})
            include = body.get("Fn::Transform", {}) if isinstance(body, dict) else {}
            if include.get("Name") == "AWS::Include":
                return self.directory / include["Parameters"]["Location"]
        return None

    def _read_spec(self) -> dict:
        from openapi_spec_validator import validate

        try:
            spec = yaml.safe_load(self.spec_path.read_text())
        except (OSError, yaml.YAMLError) as error:
            raise ProjectError(f"{self.spec_path.name}: {first_line(error)}") from error
        try:
            validate(spec)
        except Exception as error:
            raise ProjectError(f"{self.spec_path.name} is invalid: {first_line(error)}") from error
        return spec


def find_template(directory: Path) -> Path:
    """The template `sam local start-api` would serve from `directory`: the built one first."""
    for name in DEFAULT_TEMPLATES:
        if (directory / name).is_file():
            return directory / name
    raise ProjectError(f"no template in {directory} ({', '.join(DEFAULT_TEMPLATES)}): name one with -t")


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
