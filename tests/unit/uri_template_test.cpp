#include <doctest/doctest.h>

#include <restop/restop.hpp>

using restop::uri_template_error;
template <restop::fixed_string Text>
constexpr uri_template_error error_of = restop::uri_template<Text>::error;

// The parser runs in the compiler; these pass by compiling.
static_assert(error_of<"/v1/accessTokens/{id}"> == uri_template_error::none);
static_assert(error_of<"/files/{path+}"> == uri_template_error::none);
static_assert(error_of<"/a/{b}/c/{d}?x-id=Get"> == uri_template_error::none);
static_assert(error_of<"v1/x"> == uri_template_error::not_absolute);
static_assert(error_of<""> == uri_template_error::not_absolute);
static_assert(error_of<"/v1/{id"> == uri_template_error::unbalanced_brace);
static_assert(error_of<"/v1/id}"> == uri_template_error::unbalanced_brace);
static_assert(error_of<"/v1/{a{b}}"> == uri_template_error::unbalanced_brace);
static_assert(error_of<"/v1/{}"> == uri_template_error::empty_label);
static_assert(error_of<"/v1/{+}"> == uri_template_error::empty_label);
static_assert(error_of<"/v1/{1d}"> == uri_template_error::invalid_label_name);
static_assert(error_of<"/v1/{a-b}"> == uri_template_error::invalid_label_name);
static_assert(error_of<"/v1/x{id}"> == uri_template_error::label_not_whole_segment);
static_assert(error_of<"/v1/{id}.json"> == uri_template_error::label_not_whole_segment);
static_assert(error_of<"/{a+}/{b+}"> == uri_template_error::more_than_one_greedy);
static_assert(error_of<"/{a}/{a}"> == uri_template_error::duplicate_label);
static_assert(error_of<"/a?x={b}"> == uri_template_error::label_in_query);

TEST_CASE("uri_template: parts, labels and the literal query") {
    using t = restop::uri_template<"/buckets/{bucket}/objects/{key+}?x-id=GetObject">;
    CHECK(t::label_count == 2);
    CHECK(t::has_label("bucket"));
    CHECK(t::has_label("key"));
    CHECK_FALSE(t::has_label("x-id"));
    CHECK(t::parsed.has_query);
    CHECK(t::parsed.path_size == std::string_view("/buckets/{bucket}/objects/{key+}").size());
    REQUIRE(t::parsed.part_count == 5);
    CHECK(t::part_text(0) == "/buckets/");
    CHECK(t::part_text(1) == "bucket");
    CHECK_FALSE(t::parsed.parts[1].greedy);
    CHECK(t::part_text(2) == "/objects/");
    CHECK(t::part_text(3) == "key");
    CHECK(t::parsed.parts[3].greedy);
    CHECK(t::part_text(4) == "?x-id=GetObject");
    CHECK_FALSE(t::parsed.parts[4].is_label);
    // What encoding reads: the five parts alone, not the parser's room for one per character.
    static_assert(t::parts.size() == 5);
    for (std::size_t i = 0; i < t::parts.size(); ++i) {
        CHECK(t::parts[i].begin == t::parsed.parts[i].begin);
        CHECK(t::parts[i].size == t::parsed.parts[i].size);
        CHECK(t::parts[i].is_label == t::parsed.parts[i].is_label);
        CHECK(t::parts[i].greedy == t::parsed.parts[i].greedy);
    }
}

TEST_CASE("uri_template: a template without labels is one literal") {
    using t = restop::uri_template<"/session">;
    CHECK(t::label_count == 0);
    REQUIRE(t::parsed.part_count == 1);
    CHECK(t::part_text(0) == "/session");
    CHECK_FALSE(t::parsed.has_query);
}

// RFC 3986: a template's literal text holds only path (and, after '?', query) characters.
using restop::uri_template_error;
static_assert(restop::uri_template<"/x/{id}?x-id=Get&a=b%20c;d=@:~">::error == uri_template_error::none);
static_assert(restop::uri_template<"/a b/{id}">::error == uri_template_error::invalid_character);
static_assert(restop::uri_template<"/a%zz">::error == uri_template_error::invalid_character);
static_assert(restop::uri_template<"/a%2">::error == uri_template_error::invalid_character);
static_assert(restop::uri_template<"/a#frag">::error == uri_template_error::invalid_character);
static_assert(restop::uri_template<"/caf\xC3\xA9">::error == uri_template_error::invalid_character);
static_assert(restop::uri_template<"/a\"b">::error == uri_template_error::invalid_character);
static_assert(restop::uri_template<"/a?b?c/d">::error == uri_template_error::none);
