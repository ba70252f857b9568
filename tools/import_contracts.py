"""An import-linter contract type that import-linter does not have: a package may
import the standard library and the packages named, and nothing else (its own
modules aside). pyproject.toml declares it for the function, which Lambda runs
with its runtime's standard library and botocore only."""

import sys

from importlinter import Contract, ContractCheck, fields, output


class OnlyImportsContract(Contract):
    """Options: source_modules (the packages held to it), allowed_modules (top-level names they may import)."""

    type_name = "only_imports"

    source_modules = fields.ListField(subfield=fields.StringField())
    allowed_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        allowed = {*self.allowed_modules, *sys.stdlib_module_names, *self.source_modules}
        found = []
        for source in self.source_modules:
            for module in sorted(graph.find_descendants(source) | {source}):
                for imported in sorted(graph.find_modules_directly_imported_by(module)):
                    if imported.split(".")[0] not in allowed:
                        found.append((module, imported))
        return ContractCheck(kept=not found, metadata={"found": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for module, imported in check.metadata["found"]:
            output.print_error(f"{module} imports {imported}, which is neither the standard library nor allowed")
            output.new_line()
