#include "app/cli/context.h"

namespace tricoach::cli {

int report(Io& io, const Invocation& inv, const Error& error)
{
    io.err << "tricoach-cli: " << error.message << Qt::endl;
    if (!isUsageError(error))
        return kExitFailure;
    const QString helpFor = inv.command ? inv.command->fullName() + QLatin1Char(' ') : QString();
    io.err << "Run 'tricoach-cli " << helpFor << "--help' for usage." << Qt::endl;
    return kExitUsage;
}

Result<std::unique_ptr<ActivityStore>> openStore(const Invocation& inv)
{
    return ActivityStore::open(inv.global.db.value_or(ActivityStore::defaultPath()));
}

Result<Session> openSession(const Invocation& inv)
{
    auto store = openStore(inv);
    if (!store)
        return store.error();
    Session session{std::move(*store), {}};
    if (inv.global.athlete) {
        auto found = session.store->athleteByName(*inv.global.athlete);
        if (!found) {
            return makeError(QStringLiteral("there is no athlete called \"%1\" in %2; create one with "
                                            "'tricoach-cli athlete add \"%1\"'")
                                 .arg(*inv.global.athlete, session.store->path()),
                             QStringLiteral("cli.unknown-athlete"));
        }
        session.athlete = *found;
    } else {
        auto first = session.store->defaultAthlete();
        if (!first)
            return first.error();
        session.athlete = *first;
    }
    return session;
}

QDate today()
{
    return QDate::currentDate();
}

} // namespace tricoach::cli
