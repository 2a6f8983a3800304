// Local Amazon CodeCatalyst emulator for restop's integration tests.
//
//   codecatalyst-emulator [--port N] [--port-file PATH] --users PATH [--model PATH]
//                         [--max-tokens-per-user N] [--default-page-size N]
//
// Plain HTTP/1.1 on 127.0.0.1, one thread per connection, keep-alive.
// See README.md next to this file for the endpoints and fault injection.

#include "service.hpp"
#include "util.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// Tracks live connections so that shutdown can unblock and join them.
class Connections {
public:
    // Registers a socket; returns its key, or 0 when already stopping.
    std::uint64_t add(int fd)
    {
        std::lock_guard lock{mutex_};
        if (stopping_)
            return 0;
        fds_[next_] = fd;
        return next_++;
    }

    // Must be called before the socket is closed.
    void remove(std::uint64_t key)
    {
        std::lock_guard lock{mutex_};
        fds_.erase(key);
    }

    bool stopping()
    {
        std::lock_guard lock{mutex_};
        return stopping_;
    }

    // Sleeps for `d`; returns false when interrupted by shutdown.
    bool sleep_for(std::chrono::milliseconds d)
    {
        std::unique_lock lock{mutex_};
        return !cv_.wait_for(lock, d, [&] { return stopping_; });
    }

    void stop()
    {
        std::lock_guard lock{mutex_};
        stopping_ = true;
        for (const auto& [key, fd] : fds_)
            ::shutdown(fd, SHUT_RDWR);   // unblocks a blocked read
        cv_.notify_all();
    }

    // Thread bookkeeping: finished workers are joined on every accept.
    void spawn(std::function<void()> fn)
    {
        reap();
        auto done = std::make_shared<std::atomic<bool>>(false);
        std::thread t{[fn = std::move(fn), done] {
            fn();
            done->store(true);
        }};
        workers_.push_back(Worker{std::move(t), std::move(done)});
    }

    void reap()
    {
        for (auto it = workers_.begin(); it != workers_.end();) {
            if (it->done->load()) {
                it->thread.join();
                it = workers_.erase(it);
            } else {
                ++it;
            }
        }
    }

    void join_all()
    {
        for (auto& w : workers_)
            w.thread.join();
        workers_.clear();
    }

private:
    struct Worker {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done;
    };

    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::map<std::uint64_t, int> fds_;
    std::uint64_t next_ = 1;
    std::list<Worker> workers_;   // touched only by the accepting thread
};

std::mutex g_log_mutex;

void log_line(const std::string& line)
{
    std::lock_guard lock{g_log_mutex};
    std::cerr << line << '\n' << std::flush;
}

http::response<http::string_body> to_beast(const emu::Reply& reply, unsigned version, bool keep_alive)
{
    http::response<http::string_body> res;
    res.version(version);
    res.result(reply.status);
    res.set(http::field::content_type, reply.content_type);
    res.set("x-amzn-requestid", reply.request_id.empty() ? emu::make_uuid() : reply.request_id);
    for (const auto& [name, value] : reply.headers)
        res.insert(name, value);
    res.body() = reply.body;
    res.keep_alive(keep_alive);
    res.prepare_payload();
    return res;
}

emu::Request from_beast(const http::request<http::string_body>& req)
{
    emu::Request out;
    out.method = std::string{req.method_string()};
    out.target = std::string{req.target()};
    for (const auto& field : req)
        out.headers.emplace_back(std::string{field.name_string()}, std::string{field.value()});
    out.body = req.body();
    return out;
}

// Answers an unparseable request and tells the caller to close.
void reject_malformed(tcp::socket& sock, const beast::error_code& ec)
{
    emu::Reply reply;
    reply.status = ec == http::error::body_limit ? 413 : ec == http::error::header_limit ? 431 : 400;
    reply.body = R"({"message":"Malformed HTTP request."})";
    auto res = to_beast(reply, 11, false);
    beast::error_code ignored;
    http::write(sock, res, ignored);
}

void serve(tcp::socket sock, emu::Service& service, Connections& conns)
{
    const std::uint64_t key = conns.add(sock.native_handle());
    if (key == 0)
        return;
    beast::flat_buffer buffer;
    beast::error_code ec;
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(64 * 1024);
        parser.body_limit(64 * 1024 * 1024);

        http::read_header(sock, buffer, parser, ec);
        if (!ec && !parser.is_done()) {
            const auto expect = parser.get()[http::field::expect];
            if (emu::iequals(expect, "100-continue")) {
                http::response<http::empty_body> cont{http::status::continue_, parser.get().version()};
                http::write(sock, cont, ec);
            }
            if (!ec)
                http::read(sock, buffer, parser, ec);
        }
        if (ec) {
            const bool parse_error = ec.category() == beast::error_code{http::error::end_of_stream}.category();
            if (parse_error && ec != http::error::end_of_stream && ec != http::error::partial_message)
                reject_malformed(sock, ec);
            break;
        }

        const auto beast_req = parser.release();
        const emu::Request req = from_beast(beast_req);
        const bool keep_alive = beast_req.keep_alive();

        emu::Reply reply;
        std::optional<emu::Fault> fault;
        if (emu::Service::is_control(req)) {
            reply = service.control(req);
        } else {
            fault = service.record_and_take_fault(req);
            const std::string shown = req.method + " " + service.redact(req.target, req);
            if (fault && fault->delay.count() > 0 && !conns.sleep_for(fault->delay)) {
                log_line(shown + " interrupted by shutdown");
                break;
            }
            if (fault && fault->drop) {
                log_line(shown + " dropped (injected fault)");
                break;
            }
            reply = (fault && fault->replaces_response()) ? emu::Service::fault_reply(*fault)
                                                           : service.dispatch(req);
            if (fault)
                reply.headers.insert(reply.headers.end(), fault->headers.begin(), fault->headers.end());
            log_line(shown + " " + std::to_string(reply.status) + (fault ? " (fault)" : ""));
        }

        const bool keep = keep_alive && !conns.stopping();
        auto res = to_beast(reply, beast_req.version(), keep);
        http::write(sock, res, ec);
        if (ec || !keep)
            break;
    }
    conns.remove(key);
    beast::error_code ignored;
    sock.shutdown(tcp::socket::shutdown_both, ignored);
    sock.close(ignored);
}

void write_port_file(const std::string& path, unsigned short port)
{
    const std::string tmp = path + ".tmp." + std::to_string(::getpid());
    {
        std::ofstream out{tmp, std::ios::trunc};
        out << port << '\n';
        out.flush();
        if (!out)
            throw std::runtime_error("cannot write " + tmp);
    }
    std::filesystem::rename(tmp, path);
}

[[noreturn]] void usage(int code)
{
    (code == 0 ? std::cout : std::cerr)
        << "usage: codecatalyst-emulator [--port N] [--port-file PATH] --users PATH [--model PATH]\n"
           "  --port N          TCP port on 127.0.0.1 (default 0: pick a free port)\n"
           "  --port-file PATH  also write the chosen port to PATH (atomically)\n"
           "  --users PATH      JSON file with users, their personal access tokens and spaces\n"
           "  --model PATH      the service's Smithy JSON model (default: the copy beside the sources)\n"
           "  --max-tokens-per-user N  CreateAccessToken quota per user (default 100)\n"
           "  --default-page-size N    page size of a listing called without maxResults (default 25,\n"
           "                           at most the operation's own maximum)\n";
    std::exit(code);
}

struct Options {
    unsigned short port = 0;
    std::string port_file;
    std::string users;
    std::string model = RESTOP_EMULATOR_MODEL;
    std::size_t max_tokens_per_user = 100;
    std::size_t default_page_size = 25;
};

unsigned long number(const std::string& v, unsigned long min, unsigned long max)
{
    char* end = nullptr;
    const unsigned long n = std::strtoul(v.c_str(), &end, 10);
    if (v.empty() || v.front() < '0' || v.front() > '9' || *end != '\0' || n < min || n > max) {
        std::cerr << "codecatalyst-emulator: invalid number " << v << '\n';
        usage(2);
    }
    return n;
}

Options parse_args(int argc, char** argv)
{
    Options opt;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        std::string value;
        bool has_value = false;
        if (const auto eq = arg.find('='); arg.starts_with("--") && eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg.resize(eq);
            has_value = true;
        }
        const auto next = [&]() -> std::string {
            if (has_value)
                return value;
            if (i + 1 >= argc) {
                std::cerr << "codecatalyst-emulator: " << arg << " needs a value\n";
                usage(2);
            }
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") {
            usage(0);
        } else if (arg == "--port") {
            opt.port = static_cast<unsigned short>(number(next(), 0, 65535));
        } else if (arg == "--max-tokens-per-user") {
            opt.max_tokens_per_user = static_cast<std::size_t>(number(next(), 1, 1000000));
        } else if (arg == "--default-page-size") {
            opt.default_page_size = static_cast<std::size_t>(number(next(), 1, 1000000));
        } else if (arg == "--model") {
            opt.model = next();
        } else if (arg == "--port-file") {
            opt.port_file = next();
        } else if (arg == "--users") {
            opt.users = next();
        } else {
            std::cerr << "codecatalyst-emulator: unknown argument " << arg << '\n';
            usage(2);
        }
    }
    if (opt.users.empty()) {
        std::cerr << "codecatalyst-emulator: --users is required\n";
        usage(2);
    }
    return opt;
}

} // namespace

int main(int argc, char** argv)
{
    std::signal(SIGPIPE, SIG_IGN);
    const Options opt = parse_args(argc, argv);

    std::unique_ptr<emu::Service> service;
    try {
        service = std::make_unique<emu::Service>(opt.model, opt.users, opt.max_tokens_per_user, opt.default_page_size);
    } catch (const std::exception& e) {
        std::cerr << "codecatalyst-emulator: " << e.what() << '\n';
        return 2;
    }

    asio::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
    {
        const tcp::endpoint endpoint{asio::ip::make_address_v4("127.0.0.1"), opt.port};
        beast::error_code ec;
        acceptor.open(endpoint.protocol(), ec);
        if (!ec)
            acceptor.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec)
            acceptor.bind(endpoint, ec);
        if (!ec)
            acceptor.listen(asio::socket_base::max_listen_connections, ec);
        if (ec) {
            std::cerr << "codecatalyst-emulator: cannot listen on 127.0.0.1:" << opt.port << ": " << ec.message()
                      << '\n';
            return 1;
        }
    }
    const unsigned short port = acceptor.local_endpoint().port();

    Connections conns;
    asio::signal_set signals{ioc, SIGINT, SIGTERM};
    signals.async_wait([&](const beast::error_code& ec, int) {
        if (ec)
            return;
        beast::error_code ignored;
        acceptor.close(ignored);
        ioc.stop();
    });

    std::function<void()> accept_next = [&] {
        acceptor.async_accept([&](const beast::error_code& ec, tcp::socket sock) {
            if (ec) {
                if (acceptor.is_open())
                    accept_next();
                return;
            }
            auto shared = std::make_shared<tcp::socket>(std::move(sock));
            conns.spawn([shared, &service, &conns] { serve(std::move(*shared), *service, conns); });
            accept_next();
        });
    };
    accept_next();

    std::cout << "listening 127.0.0.1:" << port << '\n' << std::flush;
    if (!opt.port_file.empty()) {
        try {
            write_port_file(opt.port_file, port);
        } catch (const std::exception& e) {
            std::cerr << "codecatalyst-emulator: " << e.what() << '\n';
            return 1;
        }
    }

    ioc.run();

    conns.stop();
    conns.join_all();
    log_line("codecatalyst-emulator: shut down");
    return 0;
}
