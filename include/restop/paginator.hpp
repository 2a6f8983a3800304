#pragma once
// restop::pages and restop::items: C++20 input ranges over the pages, or the items, of a
// paginated operation, over any transport. An error page is yielded as an error, then the range
// ends: a failure never looks like the last page.

#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "restop/bearer_token.hpp"
#include "restop/call.hpp"
#include "restop/pagination.hpp"
#include "restop/retry.hpp"

namespace restop {

/// The pages of a paginated operation, each a result_of<Op>, fetched lazily as it is iterated.
/// Ends after a page without a next token, after an error page, or when the service hands back
/// the token it was just given (a loop the official SDKs also cut short).
template <class Op, transport Transport, call_identity Identity = bearer_token>
    requires detail::is_paginated<Op>
class page_range {
    using pagination = typename Op::pagination;
    static_assert(std::is_same_v<typename pagination::output_type, typename description_t<Op>::output>,
                  "restop::paginated: the output token and the items must be members of the operation's output");

public:
    // The identity is copied: `pages(t, op, restop::sigv4_identity{...})` passes a temporary
    // that is gone by the time the loop fetches the first page.
    page_range(Transport& t, Op first, Identity identity, retry_options retry = {}, call_options options = {})
        : transport_(&t), op_(std::move(first)), identity_(std::move(identity)), retry_(retry), options_(options) {}

    class iterator {
    public:
        using value_type = result_of<Op>;
        using difference_type = std::ptrdiff_t;

        iterator() = default;
        const value_type& operator*() const { return *range_->current_; }
        const value_type* operator->() const { return &*range_->current_; }
        iterator& operator++() {
            range_->advance();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& it, std::default_sentinel_t) { return it.at_end(); }

    private:
        friend class page_range;
        explicit iterator(page_range* range) : range_(range) {}
        bool at_end() const { return range_->done_; }  // a member, so it may read the range's state
        page_range* range_ = nullptr;
    };

    iterator begin() {
        if (!started_) {
            started_ = true;
            fetch();
        }
        return iterator(this);
    }
    std::default_sentinel_t end() const noexcept { return {}; }

private:
    void fetch() { current_.emplace(call_with_retries(*transport_, op_, identity_, retry_, options_)); }

    void advance() {
        if (done_) return;
        const result_of<Op>& page = *current_;
        if (!page) {
            done_ = true;
            return;
        }
        const std::optional<std::string>& next = page->output.*pagination::output_token;
        if (!next || next->empty() || (has_token_ && *next == token_storage_)) {
            done_ = true;
            return;
        }
        // The operation's token member is a view: it must point at storage this range owns.
        token_storage_ = *next;
        has_token_ = true;
        op_.*pagination::input_token = std::string_view(token_storage_);
        fetch();
    }

    Transport* transport_;
    Op op_;
    Identity identity_;
    retry_options retry_;
    call_options options_;
    std::string token_storage_;
    bool has_token_ = false;
    std::optional<result_of<Op>> current_;
    bool started_ = false;
    bool done_ = false;
};

/// The items of every page, each a result<Item, error_of<Op>>: an error page yields one error
/// element and ends the range.
template <class Op, transport Transport, call_identity Identity = bearer_token>
    requires detail::is_paginated<Op>
class item_range {
    using pagination = typename Op::pagination;
    using item_type = typename pagination::item_type;

public:
    using element = result<item_type, error_of<Op>>;

    item_range(Transport& t, Op first, const Identity& token, retry_options retry = {}, call_options options = {})
        : pages_(t, std::move(first), token, retry, options) {}

    class iterator {
    public:
        using value_type = element;
        using difference_type = std::ptrdiff_t;

        iterator() = default;
        value_type operator*() const {
            const auto& page = *range_->page_;
            if (!page) return failure(page.error());
            return pagination::items_of(page->output)[range_->index_];
        }
        iterator& operator++() {
            range_->advance();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& it, std::default_sentinel_t) { return it.at_end(); }

    private:
        friend class item_range;
        explicit iterator(item_range* range) : range_(range) {}
        bool at_end() const { return range_->done_; }
        item_range* range_ = nullptr;
    };

    iterator begin() {
        if (!started_) {
            started_ = true;
            page_ = pages_.begin();
            index_ = 0;
            settle();
        }
        return iterator(this);
    }
    std::default_sentinel_t end() const noexcept { return {}; }

private:
    // Moves past empty pages to the next item, an error page, or the end.
    void settle() {
        while (!(page_ == std::default_sentinel)) {
            const auto& page = *page_;
            if (!page) return;  // yield the error once
            if (index_ < pagination::items_of(page->output).size()) return;
            ++page_;
            index_ = 0;
        }
        done_ = true;
    }

    void advance() {
        if (done_) return;
        if (!*page_) {
            done_ = true;
            return;
        }
        ++index_;
        settle();
    }

    page_range<Op, Transport, Identity> pages_;
    typename page_range<Op, Transport, Identity>::iterator page_;
    std::size_t index_ = 0;
    bool started_ = false;
    bool done_ = false;
};

/// Every page of `first` and the pages after it.
///
///     for (const auto& page : restop::pages(t, cc::list_access_tokens{.max_results = 10}, token))
///         if (!page) { report(page.error()); break; }
template <class Op, transport Transport, call_identity Identity>
page_range<Op, Transport, Identity> pages(Transport& t, Op first, const Identity& token, retry_options retry = {},
                                          call_options options = {}) {
    return page_range<Op, Transport, Identity>(t, std::move(first), token, retry, options);
}

/// Every item of every page.
///
///     for (const auto& item : restop::items(t, cc::list_access_tokens{}, token))
///         if (item) std::cout << item->name << '\n'; else report(item.error());
template <class Op, transport Transport, call_identity Identity>
item_range<Op, Transport, Identity> items(Transport& t, Op first, const Identity& token, retry_options retry = {},
                                          call_options options = {}) {
    return item_range<Op, Transport, Identity>(t, std::move(first), token, retry, options);
}

/// Anything but a transport, a bearer token and a paginated operation: refused with restop's
/// sentence (see call()).
template <class T, class Op, class Identity, class... Rest>
    requires(!detail::call_arguments<T, Identity> || !detail::is_paginated<Op>)
void pages(T&&, const Op&, Identity&&, Rest&&...) {
    static_assert(detail::require_call_arguments<T, Op, Identity, detail::is_paginated<Op>>());
}
template <class T, class Op, class Identity, class... Rest>
    requires(!detail::call_arguments<T, Identity> || !detail::is_paginated<Op>)
void items(T&&, const Op&, Identity&&, Rest&&...) {
    static_assert(detail::require_call_arguments<T, Op, Identity, detail::is_paginated<Op>>());
}

}  // namespace restop
