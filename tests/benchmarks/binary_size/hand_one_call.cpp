// restop_one_call.cpp written by hand, for tools/binary_size.sh: libcurl's easy interface
// directly, and the hand-written DeleteAccessToken encoder and decoder the run-time benchmarks
// measure restop against (../hand_written.hpp). Same arguments, same output.
//
//   hand_one_call ENDPOINT ID TOKEN_FILE
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include <curl/curl.h>

#include "../hand_written.hpp"

namespace {
std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* body) {
    static_cast<std::string*>(body)->append(data, size * count);
    return size * count;
}

// One header line ("Name: value\r\n") into the response; the status line and the blank line
// are skipped.
std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* into) {
    std::string_view line(data, size * count);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos && !line.starts_with("HTTP/")) {
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        static_cast<restop::response*>(into)->headers.push_back({std::string(line.substr(0, colon)), std::string(value)});
    }
    return size * count;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) return std::fprintf(stderr, "usage: %s ENDPOINT ID TOKEN_FILE\n", argv[0]), 2;
    std::ifstream file(argv[3]);
    std::string secret((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();

    restop::request req;
    if (hand::encode_delete_access_token(req, argv[2], secret) != hand::encode_status::ok)
        return std::printf("failed InvalidInput\n"), 1;

    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL* curl = curl_easy_init();
    const std::string url = std::string(argv[1]) + req.target;
    const std::string authorization = req.headers[0].name + ": " + req.headers[0].value;
    curl_slist* headers = curl_slist_append(nullptr, authorization.c_str());
    restop::response received;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "DELETE");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &received.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &received);
    const CURLcode sent = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    curl_global_cleanup();
    if (sent != CURLE_OK) return std::printf("failed TransportError\n"), 1;

    received.status = static_cast<int>(status);
    const hand::outcome out = hand::decode_delete_access_token(received);
    if (out.code == hand::error_code::none) return std::printf("ok\n"), 0;
    const std::string_view name =
        out.code == hand::error_code::unknown && !out.name.empty() ? std::string_view(out.name) : hand::error_name(out.code);
    std::printf("error %d %.*s: %s\n", out.status, static_cast<int>(name.size()), name.data(), out.message.c_str());
    return 1;
}
