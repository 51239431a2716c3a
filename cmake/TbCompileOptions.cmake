# Compile options for the project's own targets. Third-party headers are included as
# SYSTEM so their warnings do not fail our -Werror build.

if(TB_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Turns on the warning set and makes warnings errors for one of our targets.
#
# GCC 12 (Debian 12's compiler) reports -Wrestrict errors inside libstdc++'s own
# std::string code when a string literal is concatenated with a std::string at -O2
# and above, and more often with -fsanitize=address. The warning points at
# char_traits.h with an impossible size (2^63 bytes), not at our code, so before
# GCC 13 it stays a warning instead of failing the build.
function(tb_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror
    $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor -Wold-style-cast>
    $<$<AND:$<COMPILE_LANG_AND_ID:CXX,GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-error=restrict>)
endfunction()
