// Errors inside the library are exceptions; at the C boundary they become a cf_status plus a
// thread-local message. guard() is the only way an entry point runs its body.
#pragma once

#include <stdexcept>
#include <string>

#include "chromofarm.h"

namespace cf {

// An error whose status the caller should see (anything else becomes CF_ERR_INTERNAL).
class Error : public std::runtime_error {
 public:
  Error(cf_status status, const std::string& message) : std::runtime_error(message), status_(status) {}
  cf_status status() const noexcept { return status_; }

 private:
  cf_status status_;
};

[[noreturn]] void fail(cf_status status, const std::string& message);

// Throws CF_ERR_INVALID_ARGUMENT naming the argument when pointer is NULL.
template <class T>
T* require(T* pointer, const char* name) {
  if (pointer == nullptr) fail(CF_ERR_INVALID_ARGUMENT, std::string(name) + " is NULL");
  return pointer;
}

// A number as a message shows it: 0.001, 1e-30, 44 (std::to_string prints 0.000000).
std::string number_text(double value);

// Copies text and its NUL into a caller's buffer; *required (when not NULL) gets the bytes needed
// even when the buffer is too small, which is CF_ERR_INVALID_ARGUMENT.
void copy_text(const std::string& text, char* buffer, size_t length, size_t* required);

void clear_last_error() noexcept;
const char* last_error() noexcept;
// Rethrows the exception in flight, records its message and maps it to a status.
cf_status status_of_current_exception(const char* function) noexcept;

template <class Body>
cf_status guard(const char* function, Body&& body) noexcept {
  clear_last_error();
  try {
    body();
    return CF_OK;
  } catch (...) {
    return status_of_current_exception(function);
  }
}

}  // namespace cf
