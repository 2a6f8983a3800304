#pragma once
// Every CodeCatalyst operation restop describes.

#include "restop/codecatalyst/delete_access_token.hpp"
#include "restop/codecatalyst/service.hpp"
