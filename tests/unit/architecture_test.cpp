// The layering rule of DEVELOPERS.md as a test: core never reaches up into ui/, app/ or Qt's GUI modules, ui/
// never into app/, and sync-server never includes ui/. A folder a rule is meant to check must exist and hold
// sources: a rule over a missing folder would pass forever.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>

#include <gtest/gtest.h>

namespace {

struct Violation {
    QString file;
    int line;
    QString text;
};

struct Scan {
    int files = 0; // sources read: 0 means the rule checked nothing
    std::vector<Violation> violations;
};

Scan findIncludes(const QString& folder, const QRegularExpression& forbidden)
{
    Scan scan;
    auto& found = scan.violations;
    const QString root = QStringLiteral(TRICOACH_SOURCE_DIR) + QLatin1Char('/') + folder;
    QDirIterator it(root, {QStringLiteral("*.h"), QStringLiteral("*.hpp"), QStringLiteral("*.cpp")}, QDir::Files,
                    QDirIterator::Subdirectories);
    static const QRegularExpression include(QStringLiteral(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])"));
    while (it.hasNext()) {
        const QString path = it.next();
        ++scan.files;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        int lineNo = 0;
        while (!f.atEnd()) {
            const QString line = QString::fromUtf8(f.readLine());
            ++lineNo;
            const auto m = include.match(line);
            if (m.hasMatch() && forbidden.match(m.captured(1)).hasMatch())
                found.push_back({path, lineNo, line.trimmed()});
        }
    }
    return scan;
}

// Whether the top-level CMakeLists.txt builds `folder`: a layer the build has must be checked.
bool builtByCMake(const QString& folder)
{
    QFile cmake(QStringLiteral(TRICOACH_SOURCE_DIR "/CMakeLists.txt"));
    if (!cmake.open(QIODevice::ReadOnly))
        return false;
    const QRegularExpression sub(QStringLiteral(R"(^\s*add_subdirectory\(\s*%1\s*[)\s])")
                                     .arg(QRegularExpression::escape(folder)),
                                 QRegularExpression::MultilineOption);
    return sub.match(QString::fromUtf8(cmake.readAll())).hasMatch();
}

QString describe(const std::vector<Violation>& v)
{
    QString out;
    for (const auto& x : v)
        out += QStringLiteral("%1:%2: %3\n").arg(x.file).arg(x.line).arg(x.text);
    return out;
}

// ui/ headers, and Qt's Gui, Widgets and Charts modules (by module path or by class-name header).
const QRegularExpression kGuiInclude(
    QStringLiteral(R"(^(ui/|QtWidgets|QtCharts|QtGui|QtPrintSupport|QtOpenGL)|^(QWidget|QApplication|QGuiApplication|)"
                   R"(QMainWindow|QDialog|QPainter|QPixmap|QImage|QColor|QFont|QIcon|QChart\w*|QLineSeries|)"
                   R"(QBarSeries|QPieSeries|QAbstractSeries|QValueAxis|QDateTimeAxis|QLabel|QPushButton)$)"));
// The composition root: nothing includes app/.
const QRegularExpression kAppInclude(QStringLiteral(R"(^app/)"));

// Scans `folder` and fails when it holds no sources at all, so a renamed or missing folder cannot pass.
std::vector<Violation> checkedScan(const QString& folder, const QRegularExpression& forbidden)
{
    const Scan scan = findIncludes(folder, forbidden);
    EXPECT_GT(scan.files, 0) << folder.toStdString() << "/ holds no C++ sources (is it missing?): the rule checks "
                             << "nothing";
    return scan.violations;
}

} // namespace

TEST(Architecture, CoreIncludesNoUiOrGuiHeader)
{
    const auto v = checkedScan(QStringLiteral("core"), kGuiInclude);
    EXPECT_TRUE(v.empty()) << "core/ must not depend on ui/ or Qt GUI modules:\n" << describe(v).toStdString();
}

TEST(Architecture, NothingIncludesTheApp)
{
    for (const QString& folder : {QStringLiteral("core"), QStringLiteral("ui")}) {
        const auto v = checkedScan(folder, kAppInclude);
        EXPECT_TRUE(v.empty()) << folder.toStdString() << "/ must not include app/:\n" << describe(v).toStdString();
    }
}

TEST(Architecture, SyncServerIncludesNoUiHeader)
{
    // The server joins the build in its own issue; until then there is nothing to check, and the skip says so
    // (a pass over a missing folder would hide that the rule checks nothing). Once the build adds the folder,
    // it must exist and hold sources.
    const QString folder = QStringLiteral("sync-server");
    if (!builtByCMake(folder) && !QDir(QStringLiteral(TRICOACH_SOURCE_DIR "/") + folder).exists())
        GTEST_SKIP() << "sync-server/ is not part of the build yet";
    EXPECT_TRUE(builtByCMake(folder)) << "sync-server/ exists but CMakeLists.txt does not build it";
    const auto v = checkedScan(folder, kGuiInclude);
    EXPECT_TRUE(v.empty()) << "sync-server/ must not depend on ui/:\n" << describe(v).toStdString();
}

TEST(Architecture, ScanOfAMissingFolderFails)
{
    EXPECT_EQ(findIncludes(QStringLiteral("no-such-folder"), kGuiInclude).files, 0);
    EXPECT_GT(findIncludes(QStringLiteral("core"), kGuiInclude).files, 50);
}

TEST(Architecture, CoreTargetLinksNoGuiModule)
{
    QFile cmake(QStringLiteral(TRICOACH_SOURCE_DIR "/core/CMakeLists.txt"));
    ASSERT_TRUE(cmake.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(cmake.readAll());
    static const QRegularExpression gui(
        QStringLiteral(R"(Qt6?::(Gui|Widgets|Charts|OpenGL|PrintSupport)|tricoach::ui)"));
    const auto m = gui.match(text);
    EXPECT_FALSE(m.hasMatch()) << "core/CMakeLists.txt links " << m.captured(0).toStdString();
}

TEST(Architecture, DetectorCatchesAForbiddenInclude)
{
    // Guards the regular expression itself: a rule that matches nothing would pass forever.
    EXPECT_TRUE(kGuiInclude.match(QStringLiteral("ui/mainwindow.h")).hasMatch());
    EXPECT_TRUE(kGuiInclude.match(QStringLiteral("QtWidgets/QWidget")).hasMatch());
    EXPECT_TRUE(kGuiInclude.match(QStringLiteral("QChartView")).hasMatch());
    EXPECT_TRUE(kGuiInclude.match(QStringLiteral("QWidget")).hasMatch());
    EXPECT_FALSE(kGuiInclude.match(QStringLiteral("core/model/activity.h")).hasMatch());
    EXPECT_FALSE(kGuiInclude.match(QStringLiteral("QString")).hasMatch());
    EXPECT_FALSE(kGuiInclude.match(QStringLiteral("QSqlDatabase")).hasMatch());
}
