"""The optional compiled walk (boilerstrip/pipeline/fastwalk.pyx), built when it can be.

Everything else of the package is declared in pyproject.toml. The extension is built with
Cython against lxml's public C API (the headers ship in the lxml wheel, ``lxml.get_include()``).
When anything of that fails (no Cython, no lxml headers, no C compiler: ``CC=false pip install
.``), the failure is reported and the package installs without it: the pure-Python walk is used
(``boilerstrip.pipeline.walk.IMPLEMENTATION`` says which one is).
"""

from __future__ import annotations

import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

SOURCE = "boilerstrip/pipeline/fastwalk.pyx"


def _say(what: str, error: BaseException) -> None:
    print(
        f"boilerstrip: {what} ({type(error).__name__}: {error}); installing the pure-Python "
        "walk only",
        file=sys.stderr,
    )


def _extensions() -> list[Extension]:
    try:
        import lxml
        from Cython.Build import cythonize

        ext = Extension("boilerstrip.pipeline.fastwalk", [SOURCE], include_dirs=lxml.get_include())
        return list(cythonize([ext], language_level=3, quiet=True))
    except Exception as error:
        _say("the compiled walk cannot be generated", error)
        return []


class OptionalBuildExt(build_ext):
    """build_ext that goes on without an extension it cannot compile."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:
            _say("the compiled walk was not built", error)

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as error:
            _say(f"{ext.name} was not compiled", error)


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
