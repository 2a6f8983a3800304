#pragma once
// Everything an operation's description needs, and nothing that runs it: the header a
// generated (or hand-written) service includes. Encoding, decoding and calling come with
// <restop/core.hpp> or <restop/restop.hpp>.

#include "restop/big_number.hpp"
#include "restop/blob.hpp"
#include "restop/boxed.hpp"
#include "restop/constraints.hpp"
#include "restop/enums.hpp"
#include "restop/error_shape.hpp"
#include "restop/fixed_string.hpp"
#include "restop/http_method.hpp"
#include "restop/members.hpp"
#include "restop/operation.hpp"
#include "restop/pagination.hpp"
#include "restop/params.hpp"
#include "restop/sensitive.hpp"
#include "restop/structure.hpp"
#include "restop/timestamp.hpp"
#include "restop/value_traits.hpp"
