# Precompiled headers. Most of a TriCoach translation unit's compile time is spent parsing the same Qt, standard
# library and GoogleTest headers; CI builds everything twice (plain and sanitized) on two cores, so that parse is
# done once per library and once for all the tests. Turn off with -DTRICOACH_PCH=OFF (e.g. to check that every file
# includes what it uses).
option(TRICOACH_PCH "Precompile the common Qt, standard library and GoogleTest headers" ON)

set(TRICOACH_PCH_STD <algorithm> <cmath> <functional> <map> <memory> <optional> <set> <string> <utility> <vector>)
set(TRICOACH_PCH_QTCORE <QByteArray> <QDateTime> <QDir> <QFile> <QHash> <QJsonArray> <QJsonDocument> <QJsonObject>
    <QList> <QObject> <QString> <QStringList> <QVariant>)
set(TRICOACH_PCH_QTWIDGETS <QWidget> <QLabel> <QPushButton> <QBoxLayout> <QComboBox> <QLineEdit> <QApplication>)

# tricoach_precompile(<target> [WIDGETS] [GTEST]): the target precompiles the standard and Qt Core headers, plus Qt
# Widgets' and GoogleTest's when asked.
function(tricoach_precompile target)
  if(NOT TRICOACH_PCH)
    return()
  endif()
  cmake_parse_arguments(ARG "WIDGETS;GTEST" "" "" ${ARGN})
  set(headers ${TRICOACH_PCH_STD} ${TRICOACH_PCH_QTCORE})
  if(ARG_WIDGETS)
    list(APPEND headers ${TRICOACH_PCH_QTWIDGETS})
  endif()
  if(ARG_GTEST)
    list(APPEND headers <gtest/gtest.h>)
  endif()
  target_precompile_headers(${target} PRIVATE ${headers})
endfunction()

# tricoach_reuse_precompiled(<target> <from>): the target uses <from>'s precompiled headers (same flags, so the
# compiler accepts them; where it would not, it reads the headers as usual).
function(tricoach_reuse_precompiled target from)
  if(TRICOACH_PCH)
    target_precompile_headers(${target} REUSE_FROM ${from})
  endif()
endfunction()
