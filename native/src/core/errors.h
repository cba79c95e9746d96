// Errors that carry where bad input was found: file, 1-based line and the field being read.
#pragma once
#include <stdexcept>
#include <string>

namespace mtp {

class InputError : public std::runtime_error {
 public:
  InputError(std::string file, int line, std::string field, const std::string& message)
      : std::runtime_error(format(file, line, field, message)),
        file_(std::move(file)), line_(line), field_(std::move(field)), message_(message) {}

  const std::string& file() const { return file_; }
  int line() const { return line_; }  // 1-based; 0 when not tied to a line
  const std::string& field() const { return field_; }
  const std::string& message() const { return message_; }

 private:
  static std::string format(const std::string& file, int line, const std::string& field,
                            const std::string& message) {
    std::string s = file;
    if (line > 0) s += ":" + std::to_string(line);
    if (!field.empty()) s += ": field '" + field + "'";
    return s + ": " + message;
  }
  std::string file_;
  int line_;
  std::string field_;
  std::string message_;
};

// A physically impossible or numerically unsafe situation (e.g. two atoms at r -> 0).
class ComputeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace mtp
