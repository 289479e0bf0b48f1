/* Compiles the public C header on its own as strict C99: it must need nothing else. */
#include "xinfang.h"

int main(void) {
  return xf_abi_version() == XF_ABI_VERSION ? 0 : 1;
}
