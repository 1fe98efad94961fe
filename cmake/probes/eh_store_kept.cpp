// Exits 0 when a value assigned before a try block keeps that value after the call that
// would have replaced it threw. GCC 12.2 (Debian 12) at -O1 and above drops the first store
// of a trivially copyable aggregate that is then passed to a call: its tree dead-store
// elimination treats `v = f()` as overwriting `v` even on f's exception edge.
#include <stdexcept>

struct Value {
  long number;
};

__attribute__((noinline)) Value make(int fail) {
  if (fail) throw std::runtime_error("fail");
  return Value{7};
}

__attribute__((noinline)) long read(Value value) { return value.number; }

__attribute__((noinline)) long kept(Value initial, int fail) {
  Value value = initial;
  try {
    value = make(fail);
  } catch (const std::exception&) {
  }
  return read(value);
}

int main(int argc, char**) { return kept(Value{1000}, argc) == 1000 ? 0 : 1; }
