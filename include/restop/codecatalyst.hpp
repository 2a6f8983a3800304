#pragma once
// Every CodeCatalyst operation restop describes.

#include "restop/codecatalyst/create_access_token.hpp"
#include "restop/codecatalyst/delete_access_token.hpp"
#include "restop/codecatalyst/list_access_tokens.hpp"
#include "restop/codecatalyst/service.hpp"
#include "restop/codecatalyst/verify_session.hpp"
