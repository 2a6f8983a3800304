// Personal access tokens and the session: CreateAccessToken, ListAccessTokens,
// DeleteAccessToken, VerifySession.
#include "ops.hpp"

namespace emu {

namespace json = boost::json;

namespace {

Answer create_access_token(Call& c)
{
    TimePoint expires = one_year_after(c.now);
    if (const auto t = c.time("expiresTime")) {
        if (*t <= c.now)
            return validation_error("1 validation error detected: Value at 'expiresTime' must be in the future");
        expires = *t;
    }
    const auto owned = std::count_if(c.state.tokens.begin(), c.state.tokens.end(),
                                     [&](const Token& t) { return t.owner == c.caller.name; });
    if (static_cast<std::size_t>(owned) >= c.state.max_tokens_per_user)
        return error_reply("ServiceQuotaExceededException",
                           "The request was denied because you have reached the maximum number of personal "
                           "access tokens.");
    Token token;
    token.seq = c.state.seq();
    token.id = make_uuid();
    token.name = c.str("name");
    token.secret = random_alnum(64);
    token.expires = expires;
    token.owner = c.caller.name;

    json::object out;
    out["secret"] = token.secret;
    out["name"] = token.name;
    out["expiresTime"] = format_rfc3339(expires);
    out["accessTokenId"] = token.id;
    c.state.tokens.push_back(std::move(token));
    return out;
}

Answer list_access_tokens(Call& c)
{
    // Only the caller's tokens, creation order, expired ones included.
    std::vector<const Token*> mine;
    for (const Token& t : c.state.tokens)
        if (t.owner == c.caller.name)
            mine.push_back(&t);
    return paginate(c, "ListAccessTokens", mine, [](const Token& t) {
        json::object item{{"id", t.id}, {"name", t.name}};
        if (t.expires)
            item["expiresTime"] = format_rfc3339(*t.expires);
        return item;
    });
}

Answer delete_access_token(Call& c)
{
    const std::string id = c.str("id");
    const auto it = std::find_if(c.state.tokens.begin(), c.state.tokens.end(), [&](const Token& t) { return t.id == id; });
    if (it == c.state.tokens.end())
        return not_found("personal access token");
    if (it->owner != c.caller.name)
        return access_denied("The request was denied because a personal access token can only be deleted by the "
                             "user who created it.");
    c.state.tokens.erase(it);
    return json::object{};
}

Answer verify_session(Call& c) { return json::object{{"identity", c.caller.identity}}; }

} // namespace

void register_token_ops(HandlerTable& table)
{
    table["CreateAccessToken"] = create_access_token;
    table["ListAccessTokens"] = list_access_tokens;
    table["DeleteAccessToken"] = delete_access_token;
    table["VerifySession"] = verify_session;
}

} // namespace emu
