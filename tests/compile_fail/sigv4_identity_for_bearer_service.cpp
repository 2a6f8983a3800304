// expect: this operation's service does not sign with SigV4 \(see its `service::auth`\): call it with its own identity
#include <restop/auth/sigv4.hpp>
#include <restop/restop.hpp>
#include <restop/transports/curl.hpp>

int main() {
    restop::transports::curl_transport t({.endpoint = "https://codecatalyst.global.api.aws"});
    auto credentials = restop::aws_credentials::make("AKID", "secret");
    return restop::call(t, restop::codecatalyst::verify_session{}, restop::sigv4_identity{*credentials, "us-west-2"}) ? 0 : 1;
}
