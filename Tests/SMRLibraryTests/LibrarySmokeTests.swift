// Library binding tests.
