#pragma once
// restop: REST operations described as types. One include for the core and every service
// restop ships; transports are separate, opt-in headers under restop/transports/.

#include "restop/codecatalyst.hpp"
#include "restop/core.hpp"
#include "restop/description.hpp"
#include "restop/paginator.hpp"
#include "restop/retry.hpp"
