# Turns a text file into a C++ source defining `extern const char <SYMBOL>[]` in namespace
# xinfang::embedded, so that data the library needs at run time is compiled into it.
# Usage: cmake -DINPUT=file -DOUTPUT=file.cpp -DSYMBOL=name -P EmbedText.cmake
file(READ "${INPUT}" content)
string(FIND "${content}" ")xfembed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )xfembed\"")
endif()
set(text "// Generated from ${INPUT} by cmake/EmbedText.cmake. Do not edit.\n")
string(APPEND text "namespace xinfang::embedded {\n")
string(APPEND text "extern const char ${SYMBOL}[];\n")
string(APPEND text "const char ${SYMBOL}[] = R\"xfembed(${content})xfembed\";\n")
string(APPEND text "}  // namespace xinfang::embedded\n")
file(WRITE "${OUTPUT}.tmp" "${text}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
