"""setuptools drives CMake for `pip install .` (see pyproject.toml).

The compiled module `nucleate._nucleate` and the `nucleate` executable come
from one CMake build of the repository (tests and benchmarks off); the
executable goes inside the package (nucleate/bin/nucleate) and the `nucleate`
console command runs it. The version is the one of project() in
CMakeLists.txt, the only place it is written.
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent


def version():
    text = (ROOT / "CMakeLists.txt").read_text()
    match = re.search(r"project\(nucleate VERSION ([0-9.]+)", text)
    if not match:
        sys.exit("setup.py: no `project(nucleate VERSION x.y.z` in CMakeLists.txt")
    return match.group(1)


class CMakeBuild(build_ext):
    """Builds `_nucleate` and `nucleate` with CMake and puts both into the package."""

    def build_extension(self, ext):
        # NUCLEATE_CMAKE_BUILD_DIR: an existing, configured build of this
        # source tree to build the two targets in (CI reuses its Release
        # build); otherwise a fresh one under setuptools' build directory.
        existing = os.environ.get("NUCLEATE_CMAKE_BUILD_DIR")
        jobs = str(os.cpu_count() or 1)
        if existing and (pathlib.Path(existing) / "CMakeCache.txt").exists():
            build = pathlib.Path(existing).resolve()
        else:
            build = pathlib.Path(self.build_temp).resolve() / "cmake"
            build.mkdir(parents=True, exist_ok=True)
            subprocess.run(["cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
                            "-DNUCLEATE_BUILD_TESTS=OFF", "-DNUCLEATE_BUILD_BENCHMARKS=OFF",
                            "-DNUCLEATE_BUILD_PYTHON=ON", f"-DPython_EXECUTABLE={sys.executable}"]
                           + (["-G", "Ninja"] if shutil.which("ninja") else []), check=True)
        subprocess.run(["cmake", "--build", str(build), "--parallel", jobs, "--target", "_nucleate", "nucleate"],
                       check=True)
        module = next((build / "python" / "nucleate").glob("_nucleate*.so"))
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(module, target)
        binary = target.parent / "bin" / "nucleate"
        binary.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(build / "nucleate", binary)


setup(
    version=version(),
    package_dir={"": "python"},
    packages=["nucleate", "nucleate.report"],
    ext_modules=[Extension("nucleate._nucleate", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
)
