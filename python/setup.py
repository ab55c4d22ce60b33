# The version comes from its one place, FEIT_VERSION in ../src/feit.h (the package reports the
# library's own at run time: feit.__version__ calls feit_version()).
import os
import re

from setuptools import setup

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "src", "feit.h"), encoding="utf-8") as f:
    version = re.search(r'^#define FEIT_VERSION "([^"]+)"', f.read(), re.M).group(1)

setup(version=version)
