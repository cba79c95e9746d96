#include "io/line_reader.h"

#include <cstring>
#include <sstream>

#include "core/errors.h"

namespace mtp {

namespace {
constexpr size_t kBlock = 1 << 20;  // bytes read per refill
}

LineReader::LineReader(const std::string& path) : name_(path) {
  owned_ = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!owned_->is_open()) throw InputError(path, 0, "", "cannot open file for reading");
  in_ = owned_.get();
}

LineReader::LineReader(std::istream& in, std::string name) : in_(&in), name_(std::move(name)) {}

LineReader LineReader::fromString(std::string_view text, std::string name) {
  LineReader r;
  r.name_ = std::move(name);
  r.buf_.assign(text.begin(), text.end());
  r.end_ = r.buf_.size();
  r.eof_ = true;
  return r;
}

bool LineReader::fill() {
  if (eof_ || in_ == nullptr) return false;
  // Keep the unconsumed tail (a partial line) at the front, then append a block.
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() < end_ + kBlock) buf_.resize(end_ + kBlock);
  in_->read(buf_.data() + end_, static_cast<std::streamsize>(kBlock));
  const auto got = static_cast<size_t>(in_->gcount());
  end_ += got;
  if (got < kBlock) {
    if (in_->bad()) throw InputError(name_, line_, "", "read error");
    eof_ = true;
  }
  return got > 0;
}

bool LineReader::next(std::string_view& line) {
  size_t scanFrom = begin_;
  for (;;) {
    const char* base = buf_.data();
    const void* nl = end_ > scanFrom ? std::memchr(base + scanFrom, '\n', end_ - scanFrom) : nullptr;
    if (nl != nullptr) {
      const size_t pos = static_cast<const char*>(nl) - base;
      size_t len = pos - begin_;
      if (len > 0 && base[begin_ + len - 1] == '\r') --len;
      line = std::string_view(base + begin_, len);
      begin_ = pos + 1;
      ++line_;
      return true;
    }
    const size_t pending = end_ - begin_;
    if (!fill()) {
      if (end_ == begin_) return false;
      // Last line without a final newline.
      const char* b = buf_.data();
      size_t len = end_ - begin_;
      if (len > 0 && b[begin_ + len - 1] == '\r') --len;
      line = std::string_view(b + begin_, len);
      begin_ = end_;
      ++line_;
      return true;
    }
    scanFrom = begin_ + pending;  // fill() moved the tail to the front
  }
}

}  // namespace mtp
