#include "status.hpp"

#include <cstdio>
#include <cstring>
#include <new>

#include <c10/util/Exception.h>
#include <opencv2/core.hpp>

namespace cf {
namespace {

thread_local std::string t_last_error;

// The binding prints the message as one line.
void flatten(std::string& message) {
  for (char& c : message)
    if (c == '\n' || c == '\r') c = ' ';
  while (!message.empty() && message.back() == ' ') message.pop_back();
}

void set_last_error(const char* message) noexcept {
  try {
    t_last_error = message;
    flatten(t_last_error);
  } catch (...) {
    // Out of memory while recording an error: keep whatever fits.
    t_last_error.clear();
  }
}

void set_last_error(const char* function, const char* message) noexcept {
  try {
    t_last_error = std::string(function) + ": " + message;
    flatten(t_last_error);
  } catch (...) {
    set_last_error(message);
  }
}

}  // namespace

void copy_text(const std::string& text, char* buffer, size_t length, size_t* required) {
  const size_t needed = text.size() + 1;
  if (required != nullptr) *required = needed;
  if (length < needed)
    fail(CF_ERR_INVALID_ARGUMENT, "buffer holds " + std::to_string(length) + " bytes; the text needs " +
                                      std::to_string(needed));
  std::memcpy(require(buffer, "buffer"), text.c_str(), needed);
}

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

void fail(cf_status status, const std::string& message) { throw Error(status, message); }

void clear_last_error() noexcept { t_last_error.clear(); }

const char* last_error() noexcept { return t_last_error.c_str(); }

cf_status status_of_current_exception(const char* function) noexcept {
  try {
    throw;
  } catch (const Error& e) {
    set_last_error(e.what());
    return e.status();
  } catch (const std::bad_alloc&) {
    set_last_error(function, "out of memory");
    return CF_ERR_INTERNAL;
  } catch (const c10::Error& e) {
    // what() carries a multi-line C++ backtrace that means nothing to the caller.
    set_last_error(function, e.what_without_backtrace());
    return CF_ERR_INTERNAL;
  } catch (const cv::Exception& e) {
    set_last_error(function, e.what());
    return CF_ERR_INTERNAL;
  } catch (const std::exception& e) {
    set_last_error(function, e.what());
    return CF_ERR_INTERNAL;
  } catch (...) {
    set_last_error(function, "unknown exception");
    return CF_ERR_INTERNAL;
  }
}

}  // namespace cf
