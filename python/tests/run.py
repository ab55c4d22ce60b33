"""Runs the Python binding's unittest tests and prints one line per test, "PASS name" or
"FAIL name: reason", as tests/run counts them. Exit status 0 when all pass."""
import os
import sys
import unittest


class Result(unittest.TextTestResult):
    def addSuccess(self, test):
        super().addSuccess(test)
        print("PASS python/%s" % test.id(), flush=True)

    def _fail(self, test, err):
        msg = self._exc_info_to_string(err, test).strip().splitlines()
        print("FAIL python/%s: %s" % (test.id(), " | ".join(msg[-3:])), flush=True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._fail(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        self._fail(test, err)


here = os.path.dirname(os.path.abspath(__file__))
suite = unittest.defaultTestLoader.discover(here, pattern="test_*.py", top_level_dir=here)
r = unittest.TextTestRunner(stream=sys.stderr, resultclass=Result, verbosity=0).run(suite)
sys.exit(0 if r.wasSuccessful() else 1)
