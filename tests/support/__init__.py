"""What more than one test suite needs, written once: the suites import it from
here and never from one another."""
