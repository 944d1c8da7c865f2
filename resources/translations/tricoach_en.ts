<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en">
<context>
    <name>ThresholdText</name>
    <message numerus="yes">
        <source>Loads of %n activities from %1 on were recomputed (%2 changed).</source>
        <translation>
            <numerusform>The load of %n activity from %1 on was recomputed (%2 changed).</numerusform>
            <numerusform>Loads of %n activities from %1 on were recomputed (%2 changed).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingLoadAnalysis</name>
    <message numerus="yes">
        <source>No training in the last %n days: Fitness has decayed to %1. Import recent activities, or start again with easy sessions.</source>
        <translation>
            <numerusform>No training in the last %n day: Fitness has decayed to %1. Import recent activities, or start again with easy sessions.</numerusform>
            <numerusform>No training in the last %n days: Fitness has decayed to %1. Import recent activities, or start again with easy sessions.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No training in the last %n weeks: Fitness has decayed to %1. Import recent activities, or start again with easy sessions.</source>
        <translation>
            <numerusform>No training in the last %n week: Fitness has decayed to %1. Import recent activities, or start again with easy sessions.</numerusform>
            <numerusform>No training in the last %n weeks: Fitness has decayed to %1. Import recent activities, or start again with easy sessions.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tricoach::ActivitiesPage</name>
    <message numerus="yes">
        <source>%n activities</source>
        <translation>
            <numerusform>%n activity</numerusform>
            <numerusform>%n activities</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tricoach::DashboardPage</name>
    <message numerus="yes">
        <source>%n activities dated before %1 left out: the device&apos;s clock was not set</source>
        <translation>
            <numerusform>%n activity dated before %1 left out: the device&apos;s clock was not set</numerusform>
            <numerusform>%n activities dated before %1 left out: the device&apos;s clock was not set</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tricoach::EstimateDialog</name>
    <message numerus="yes">
        <source>&lt;p&gt;Loads are only estimates until TriCoach knows your thresholds. These come from the activities of the %n days to %1 (the maximum heart rate from the last %2 days).&lt;/p&gt;&lt;p&gt;Check them, change any you know better, and use them: every activity from your first on is scored with them. You can change them later in Settings.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;Loads are only estimates until TriCoach knows your thresholds. These come from the activities of the %n day to %1 (the maximum heart rate from the last %2 days).&lt;/p&gt;&lt;p&gt;Check them, change any you know better, and use them: every activity from your first on is scored with them. You can change them later in Settings.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;Loads are only estimates until TriCoach knows your thresholds. These come from the activities of the %n days to %1 (the maximum heart rate from the last %2 days).&lt;/p&gt;&lt;p&gt;Check them, change any you know better, and use them: every activity from your first on is scored with them. You can change them later in Settings.&lt;/p&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tricoach::HeatmapWidget</name>
    <message numerus="yes">
        <source>%n activities</source>
        <translation>
            <numerusform>%n activity</numerusform>
            <numerusform>%n activities</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tricoach::ImportDialog</name>
    <message numerus="yes">
        <source>Reading %1 of %2: %3 — %n new activities so far</source>
        <translation>
            <numerusform>Reading %1 of %2: %3 — %n new activity so far</numerusform>
            <numerusform>Reading %1 of %2: %3 — %n new activities so far</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n activities added</source>
        <translation>
            <numerusform>%n activity added</numerusform>
            <numerusform>%n activities added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n were already there</source>
        <translation>
            <numerusform>%n was already there</numerusform>
            <numerusform>%n were already there</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files could not be read</source>
        <translation>
            <numerusform>%n file could not be read</numerusform>
            <numerusform>%n files could not be read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n less complete copies replaced</source>
        <translation>
            <numerusform>%n less complete copy replaced</numerusform>
            <numerusform>%n less complete copies replaced</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>cancelled: %n files not read</source>
        <translation>
            <numerusform>cancelled: %n file not read</numerusform>
            <numerusform>cancelled: %n files not read</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tricoach::LoadCard</name>
    <message numerus="yes">
        <source>more than %n days ago</source>
        <translation>
            <numerusform>more than %n day ago</numerusform>
            <numerusform>more than %n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tricoach::MainWindow</name>
    <message numerus="yes">
        <source>%n activities</source>
        <translation>
            <numerusform>%n activity</numerusform>
            <numerusform>%n activities</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tricoach::StravaText</name>
    <message numerus="yes">
        <source>%n pages listed</source>
        <translation>
            <numerusform>%n page listed</numerusform>
            <numerusform>%n pages listed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %1 of %n recordings</source>
        <translation>
            <numerusform> · %1 of %n recording</numerusform>
            <numerusform> · %1 of %n recordings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recordings left</source>
        <translation>
            <numerusform>%n recording left</numerusform>
            <numerusform>%n recordings left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n recordings still to fetch</source>
        <translation>
            <numerusform>; %n recording still to fetch</numerusform>
            <numerusform>; %n recordings still to fetch</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n activities from Strava</source>
        <translation>
            <numerusform>%n activity from Strava</numerusform>
            <numerusform>%n activities from Strava</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recordings still to fetch</source>
        <translation>
            <numerusform>%n recording still to fetch</numerusform>
            <numerusform>%n recordings still to fetch</numerusform>
        </translation>
    </message>
</context>
</TS>
