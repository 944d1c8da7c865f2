# Project-wide compiler settings applied to every TriCoach target through tricoach_setup_target().
add_library(tricoach_options INTERFACE)
add_library(tricoach::options ALIAS tricoach_options)
target_compile_options(tricoach_options INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
      -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough>
  $<$<CXX_COMPILER_ID:MSVC>:/W4 /permissive- /utf-8>)
if(TRICOACH_WERROR)
  target_compile_options(tricoach_options INTERFACE $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-Werror>
                                                    $<$<CXX_COMPILER_ID:MSVC>:/WX>)
endif()
# Qt's own advice for new code: no implicit ASCII casts, no foreach macro.
target_compile_definitions(tricoach_options INTERFACE
  QT_NO_CAST_FROM_ASCII QT_NO_URL_CAST_FROM_STRING QT_NO_FOREACH QT_NO_KEYWORDS
  QT_DISABLE_DEPRECATED_UP_TO=0x060400)
if(TRICOACH_SANITIZE)
  target_compile_options(tricoach_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                    -fno-sanitize-recover=undefined)
  target_link_options(tricoach_options INTERFACE -fsanitize=address,undefined)
endif()
