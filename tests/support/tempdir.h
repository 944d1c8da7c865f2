#pragma once

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace tricoach::test {

// A fresh folder per test, removed afterwards; tests use real files in it.
class TempDirTest : public ::testing::Test {
protected:
    QString pathFor(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

} // namespace tricoach::test
