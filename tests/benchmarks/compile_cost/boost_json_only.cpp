// Compile-cost baseline (tools/compile_cost.sh): a translation unit that includes only
// <boost/json.hpp>, restop's one dependency.
#include <boost/json.hpp>

int main() { return 0; }
