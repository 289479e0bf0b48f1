"""The versions this package was written for (include/xinfang/version.h)."""

#: The package's version: the library's XF_VERSION_STRING it was released with.
__version__ = "0.1.0"

#: The C ABI (XF_ABI_VERSION, the SOVERSION of libxinfang.so) the bindings speak.
ABI_VERSION = 1
