// Buffered line-by-line reading of large text files (or any istream) without iostream parsing:
// lines are returned as views into an internal block buffer, with '\n' and a trailing '\r'
// (CRLF files) removed, and numbered from 1.
#pragma once
#include <fstream>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mtp {

class LineReader {
 public:
  // Opens a file; throws InputError(path, 0, "", "cannot open ...") if it cannot be read.
  explicit LineReader(const std::string& path);
  // Reads from a stream owned by the caller; `name` is used in error messages.
  LineReader(std::istream& in, std::string name);
  // Reads from an in-memory text (copied).
  static LineReader fromString(std::string_view text, std::string name);

  // Next line; false at end of input. The view stays valid until the next call.
  bool next(std::string_view& line);
  int lineNumber() const { return line_; }  // number of the line last returned (1-based)
  const std::string& name() const { return name_; }

 private:
  LineReader() = default;
  bool fill();  // reads more input after the unconsumed tail; false if nothing more

  std::unique_ptr<std::ifstream> owned_;
  std::istream* in_ = nullptr;
  std::string name_;
  std::vector<char> buf_;
  size_t begin_ = 0;  // start of the unconsumed data in buf_
  size_t end_ = 0;    // end of valid data in buf_
  bool eof_ = false;
  int line_ = 0;
};

}  // namespace mtp
