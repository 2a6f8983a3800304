#include <doctest/doctest.h>
#include <restop/auth/sigv4.hpp>
