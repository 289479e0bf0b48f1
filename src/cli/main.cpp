#include <iostream>
#include "xinfang/calendar.hpp"
int main() {
  std::cout << xinfang::Calendar::national().name() << "\n";
}
