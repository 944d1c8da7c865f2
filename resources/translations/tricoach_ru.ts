<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ActivityCommands</name>
    <message>
        <source>Edit “%1”</source>
        <translation>изменение «%1»</translation>
    </message>
    <message>
        <source>Delete “%1”</source>
        <translation>удаление «%1»</translation>
    </message>
</context>
<context>
    <name>LapTables</name>
    <message>
        <source>#</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Strokes</source>
        <translation>Гребки</translation>
    </message>
    <message>
        <source>Stroke</source>
        <translation>Стиль</translation>
    </message>
    <message>
        <source>rest %1</source>
        <translation>отдых %1</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Дистанция</translation>
    </message>
    <message>
        <source>Avg HR</source>
        <translation>Ср. пульс</translation>
    </message>
    <message>
        <source>Max HR</source>
        <translation>Макс. пульс</translation>
    </message>
    <message>
        <source>Avg power</source>
        <translation>Ср. мощность</translation>
    </message>
    <message>
        <source>Avg cadence</source>
        <translation>Ср. каденс</translation>
    </message>
</context>
<context>
    <name>LoadNote</name>
    <message>
        <source>%1 seconds</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <source>%1 of %2 seconds</source>
        <translation>%1 с из %2</translation>
    </message>
    <message>
        <source>%1 of %2 minutes</source>
        <translation>%1 мин из %2</translation>
    </message>
    <message>
        <source>a distance was recorded, but no threshold pace is set</source>
        <translation>дистанция записана, но пороговый темп не задан</translation>
    </message>
    <message>
        <source>the distance and time give %1 km/h, faster than anyone runs</source>
        <translation>дистанция и время дают %1 км/ч — быстрее, чем кто-либо бегает</translation>
    </message>
    <message>
        <source>a distance was recorded, but no critical swim speed (CSS) is set</source>
        <translation>дистанция записана, но критическая скорость плавания (CSS) не задана</translation>
    </message>
    <message>
        <source>the distance and time give %1 km/h, faster than anyone swims</source>
        <translation>дистанция и время дают %1 км/ч — быстрее, чем кто-либо плавает</translation>
    </message>
    <message>
        <source>the recording has no times, so how long each value held is unknown</source>
        <translation>в записи нет времени, поэтому неизвестно, как долго держалось каждое значение</translation>
    </message>
    <message>
        <source>power was recorded, but no running threshold power is set (running power is not cycling power, so the FTP does not apply)</source>
        <translation>мощность записана, но пороговая беговая мощность не задана (беговая мощность — не велосипедная, FTP к ней не применим)</translation>
    </message>
    <message>
        <source>power was recorded, but no threshold power (FTP) is set</source>
        <translation>мощность записана, но пороговая мощность (FTP) не задана</translation>
    </message>
    <message>
        <source>power is not scored for this sport: neither the FTP nor the running threshold power applies to it</source>
        <translation>мощность в этом виде спорта не оценивается: к нему не применимы ни FTP, ни пороговая беговая мощность</translation>
    </message>
    <message>
        <source>power was used</source>
        <translation>использована мощность</translation>
    </message>
    <message>
        <source>pace was used</source>
        <translation>использован темп</translation>
    </message>
    <message>
        <source>heart rate was used</source>
        <translation>использован пульс</translation>
    </message>
    <message>
        <source>your effort rating (RPE) was used</source>
        <translation>использована ваша оценка усилия (RPE)</translation>
    </message>
    <message>
        <source>the load was estimated from the duration</source>
        <translation>нагрузка оценена по длительности</translation>
    </message>
    <message>
        <source>power</source>
        <translation>мощность</translation>
    </message>
    <message>
        <source>pace</source>
        <translation>темп</translation>
    </message>
    <message>
        <source>heart rate</source>
        <translation>пульс</translation>
    </message>
    <message>
        <source>the effort rating</source>
        <translation>оценка усилия</translation>
    </message>
    <message>
        <source>%1 gives a load that is not a number</source>
        <translation>%1 даёт нагрузку, которая не является числом</translation>
    </message>
    <message>
        <source>the power meter recorded only zeros</source>
        <translation>измеритель мощности записал только нули</translation>
    </message>
    <message>
        <source>the power meter recorded nothing</source>
        <translation>измеритель мощности ничего не записал</translation>
    </message>
    <message>
        <source>the power meter recorded power for only %1</source>
        <translation>измеритель мощности записал мощность только за %1</translation>
    </message>
    <message>
        <source>the heart-rate strap recorded nothing</source>
        <translation>пульсометр ничего не записал</translation>
    </message>
    <message>
        <source>the heart-rate strap recorded only %1</source>
        <translation>пульсометр записал только %1</translation>
    </message>
    <message>
        <source>the heart-rate strap recorded a flat line (%1 bpm for %2)</source>
        <translation>пульсометр записал ровную линию (%1 уд/мин в течение %2)</translation>
    </message>
    <message>
        <source>heart rate was recorded, but the threshold, maximum and resting heart rates are not all set</source>
        <translation>пульс записан, но пороговый, максимальный и пульс покоя заданы не все</translation>
    </message>
    <message>
        <source>%1 gives a load of %2 in %3, more than anyone can produce: the data is bad, or its threshold is set far too low</source>
        <translation>%1 даёт нагрузку %2 за %3 — больше, чем кто-либо способен выполнить: данные неверны или порог задан намного ниже реального</translation>
    </message>
    <message>
        <source>the load entered (%1) is not plausible</source>
        <translation>введённая нагрузка (%1) неправдоподобна</translation>
    </message>
</context>
<context>
    <name>PmcChart</name>
    <message>
        <source>6 weeks</source>
        <translation>6 недель</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 дней</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1 год</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Всё время</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>TriCoach</source>
        <translation>TriCoach</translation>
    </message>
    <message>
        <source>Could not open your training database:
%1</source>
        <translation>Не удалось открыть базу данных тренировок:
%1</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>FTP (W)</source>
        <translation>FTP (Вт)</translation>
    </message>
    <message>
        <source>Threshold HR, bike (bpm)</source>
        <translation>Пороговый пульс, велосипед (уд/мин)</translation>
    </message>
    <message>
        <source>Threshold HR, run (bpm)</source>
        <translation>Пороговый пульс, бег (уд/мин)</translation>
    </message>
    <message>
        <source>Threshold HR, swim (bpm)</source>
        <translation>Пороговый пульс, плавание (уд/мин)</translation>
    </message>
    <message>
        <source>Maximum HR (bpm)</source>
        <translation>Максимальный пульс (уд/мин)</translation>
    </message>
    <message>
        <source>Resting HR (bpm)</source>
        <translation>Пульс в покое (уд/мин)</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>Вес (кг)</translation>
    </message>
    <message>
        <source>Threshold power, run (W)</source>
        <translation>Пороговая мощность, бег (Вт)</translation>
    </message>
</context>
<context>
    <name>Sport</name>
    <message>
        <source>Swim</source>
        <translation>Плавание</translation>
    </message>
    <message>
        <source>Bike</source>
        <translation>Велосипед</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Бег</translation>
    </message>
    <message>
        <source>Brick</source>
        <translation>Связка</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Силовая</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <source>Walk</source>
        <translation>Ходьба</translation>
    </message>
    <message>
        <source>Hike</source>
        <translation>Поход</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Гребля</translation>
    </message>
    <message>
        <source>Transition</source>
        <translation>Транзиция</translation>
    </message>
    <message>
        <source>Open-water swim</source>
        <translation>Плавание на открытой воде</translation>
    </message>
    <message>
        <source>Pool swim</source>
        <translation>Плавание в бассейне</translation>
    </message>
    <message>
        <source>Trail run</source>
        <translation>Трейловый бег</translation>
    </message>
    <message>
        <source>Treadmill run</source>
        <translation>Бег на дорожке</translation>
    </message>
    <message>
        <source>Indoor ride</source>
        <translation>Велотренажёр</translation>
    </message>
    <message>
        <source>Virtual ride</source>
        <translation>Виртуальная поездка</translation>
    </message>
    <message>
        <source>Mountain bike</source>
        <translation>Горный велосипед</translation>
    </message>
    <message>
        <source>Triathlon</source>
        <translation>Триатлон</translation>
    </message>
    <message>
        <source>Multisport</source>
        <translation>Мультиспорт</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Тренировка</translation>
    </message>
    <message>
        <source>T%1</source>
        <translation>T%1</translation>
    </message>
</context>
<context>
    <name>ThresholdText</name>
    <message>
        <source>FTP</source>
        <translation>FTP</translation>
    </message>
    <message>
        <source>Threshold power, run</source>
        <translation>Пороговая мощность, бег</translation>
    </message>
    <message>
        <source>Threshold pace, run</source>
        <translation>Пороговый темп, бег</translation>
    </message>
    <message>
        <source>Threshold HR, bike</source>
        <translation>Пороговый пульс, велосипед</translation>
    </message>
    <message>
        <source>Threshold HR, run</source>
        <translation>Пороговый пульс, бег</translation>
    </message>
    <message>
        <source>Maximum HR</source>
        <translation>Максимальный пульс</translation>
    </message>
    <message>
        <source>Critical swim speed</source>
        <translation>Критическая скорость плавания (CSS)</translation>
    </message>
    <message>
        <source>%1 W</source>
        <translation>%1 Вт</translation>
    </message>
    <message>
        <source>%1 bpm</source>
        <translation>%1 уд/мин</translation>
    </message>
    <message>
        <source>%1 /km</source>
        <translation>%1 /км</translation>
    </message>
    <message>
        <source>%1 /100 m</source>
        <translation>%1 /100 м</translation>
    </message>
    <message>
        <source>No swims in the period.</source>
        <translation>За этот период нет заплывов.</translation>
    </message>
    <message>
        <source>No rides in the period.</source>
        <translation>За этот период нет велотренировок.</translation>
    </message>
    <message>
        <source>No activities in the period.</source>
        <translation>За этот период нет тренировок.</translation>
    </message>
    <message>
        <source>No runs in the period.</source>
        <translation>За этот период нет пробежек.</translation>
    </message>
    <message>
        <source>No power was recorded.</source>
        <translation>Мощность не записывалась.</translation>
    </message>
    <message>
        <source>No distance or GPS was recorded.</source>
        <translation>Дистанция и GPS не записывались.</translation>
    </message>
    <message>
        <source>No pool swim with recorded lengths.</source>
        <translation>Нет заплывов в бассейне с записанными отрезками.</translation>
    </message>
    <message>
        <source>No heart rate was recorded.</source>
        <translation>Пульс не записывался.</translation>
    </message>
    <message>
        <source>No continuous 400 m of freestyle yet.</source>
        <translation>Пока нет непрерывных 400 м вольным стилем.</translation>
    </message>
    <message>
        <source>No effort long enough yet.</source>
        <translation>Пока нет достаточно длинного усилия.</translation>
    </message>
    <message>
        <source>The best 20 minutes (%1 bpm on %2) were not hard enough to tell.</source>
        <translation>Лучшие 20 минут (%1 уд/мин, %2) были недостаточно интенсивными, чтобы судить о пороге.</translation>
    </message>
    <message>
        <source>The best efforts were not all-out.</source>
        <translation>Лучшие усилия не были предельными.</translation>
    </message>
    <message>
        <source>The data gave an implausible value; check the sensor.</source>
        <translation>Данные дали неправдоподобное значение; проверьте датчик.</translation>
    </message>
    <message>
        <source>Best 20-min power %1 W on %2 × 0.95</source>
        <translation>Лучшая мощность за 20 минут: %1 Вт, %2, × 0,95</translation>
    </message>
    <message>
        <source>Critical power from your best %1-min efforts up to %2 (W′ %3 kJ)</source>
        <translation>Критическая мощность по лучшим усилиям %1 мин до %2 (W′ %3 кДж)</translation>
    </message>
    <message>
        <source>Critical speed from your best %1-min efforts up to %2 (D′ %3 m)</source>
        <translation>Критическая скорость по лучшим усилиям %1 мин до %2 (D′ %3 м)</translation>
    </message>
    <message>
        <source>Best %1 min at %2 /km on %3, carried to an hour</source>
        <translation>Лучшие %1 мин в темпе %2 /км, %3, пересчитано на час</translation>
    </message>
    <message>
        <source>Best 20-min average heart rate on %1</source>
        <translation>Лучший средний пульс за 20 минут, %1</translation>
    </message>
    <message>
        <source>Highest heart rate held for 5 s, on %1</source>
        <translation>Наивысший пульс, удержанный 5 с, %1</translation>
    </message>
    <message>
        <source>Best 400 m %1 and best 200 m %2: 200 m ÷ (%1 − %2)</source>
        <translation>Лучшие 400 м %1 и лучшие 200 м %2: 200 м ÷ (%1 − %2)</translation>
    </message>
    <message>
        <source>No stored activity needed its load recomputed.</source>
        <translation>Нагрузку ни одной сохранённой тренировки пересчитывать не понадобилось.</translation>
    </message>
    <message numerus="yes">
        <source>Loads of %n activities from %1 on were recomputed (%2 changed).</source>
        <translation>
            <numerusform>Пересчитана нагрузка %n тренировки начиная с %1 (изменилось: %2).</numerusform>
            <numerusform>Пересчитана нагрузка %n тренировок начиная с %1 (изменилось: %2).</numerusform>
            <numerusform>Пересчитана нагрузка %n тренировок начиная с %1 (изменилось: %2).</numerusform>
        </translation>
    </message>
    <message>
        <source>FTP %1 W</source>
        <translation>FTP %1 Вт</translation>
    </message>
    <message>
        <source>run threshold power %1 W</source>
        <translation>пороговая мощность бега %1 Вт</translation>
    </message>
    <message>
        <source>bike threshold HR %1</source>
        <translation>пороговый пульс (велосипед) %1</translation>
    </message>
    <message>
        <source>run threshold HR %1</source>
        <translation>пороговый пульс (бег) %1</translation>
    </message>
    <message>
        <source>swim threshold HR %1</source>
        <translation>пороговый пульс (плавание) %1</translation>
    </message>
    <message>
        <source>max HR %1</source>
        <translation>макс. пульс %1</translation>
    </message>
    <message>
        <source>resting HR %1</source>
        <translation>пульс в покое %1</translation>
    </message>
    <message>
        <source>run pace %1/km</source>
        <translation>пороговый темп бега %1/км</translation>
    </message>
    <message>
        <source>CSS %1/100 m</source>
        <translation>CSS %1/100 м</translation>
    </message>
    <message>
        <source>%1 kg</source>
        <translation>%1 кг</translation>
    </message>
</context>
<context>
    <name>TrainingLoadAnalysis</name>
    <message>
        <source>No training load yet: add or import activities to see your Fitness, Fatigue and Form.</source>
        <translation>Нагрузки пока нет: добавьте или импортируйте тренировки, чтобы увидеть свои Тренированность, Усталость и Форму.</translation>
    </message>
    <message>
        <source>Fitness is rising %1 points a week, above the safe %2: hold this week&apos;s load below last week&apos;s or add a recovery day.</source>
        <translation>Тренированность растёт на %1 ед. в неделю — выше безопасного предела %2: держите нагрузку этой недели ниже прошлой или добавьте день восстановления.</translation>
    </message>
    <message>
        <source>Ramp rate is optimal (%1 Fitness points a week): keep the current progression.</source>
        <translation>Темп роста тренированности в оптимальном диапазоне (%1 ед. в неделю): сохраняйте текущую прогрессию.</translation>
    </message>
    <message>
        <source>Fitness is rising slowly (%1 a week): when building for a race, add 5–10% load a week to reach %2.</source>
        <translation>Тренированность растёт медленно (%1 ед. в неделю): если готовитесь к старту, добавляйте 5–10% нагрузки в неделю, чтобы выйти на %2.</translation>
    </message>
    <message>
        <source>Fitness is falling (%1 a week): right for recovery or a taper; otherwise return to regular training.</source>
        <translation>Тренированность снижается (%1 ед. в неделю): это нормально для восстановления или подводки к старту, в остальных случаях вернитесь к регулярным тренировкам.</translation>
    </message>
    <message>
        <source>Form is %1, deep fatigue: take two or three easy days or rest before the next hard session.</source>
        <translation>Форма %1 — сильная усталость: перед следующей тяжёлой тренировкой проведите два-три лёгких дня или отдохните.</translation>
    </message>
    <message>
        <source>Form is %1: consider reducing volume this week and keep intensity for key sessions.</source>
        <translation>Форма %1: на этой неделе стоит сократить объём, а интенсивность оставить для ключевых тренировок.</translation>
    </message>
    <message>
        <source>Form is %1: very fresh and losing Fitness; start building again unless you are tapering for a race.</source>
        <translation>Форма %1: вы очень свежи, но Тренированность падает; снова наращивайте нагрузку, если только это не подводка к старту.</translation>
    </message>
    <message>
        <source>Form is %1: fresh, a good day for a key workout or a race.</source>
        <translation>Форма %1: вы свежи — хороший день для ключевой тренировки или старта.</translation>
    </message>
    <message>
        <source>Fatigue is %1 times Fitness: the recent load is a spike; plan recovery before adding more.</source>
        <translation>Усталость в %1 раза превышает Тренированность: недавняя нагрузка — резкий всплеск; запланируйте восстановление, прежде чем нагружаться дальше.</translation>
    </message>
    <message>
        <source>Fitness is holding steady: when building for a race, add 5–10% load a week to reach %1 a week.</source>
        <translation>Тренированность держится на месте: если готовитесь к старту, добавляйте 5–10% нагрузки в неделю, чтобы выйти на %1 ед. в неделю.</translation>
    </message>
    <message numerus="yes">
        <source>No training in the last %n days: Fitness has decayed to %1. Import recent activities, or start again with easy sessions.</source>
        <translation>
            <numerusform>Ни одной тренировки за последний %n день: Тренированность снизилась до %1. Импортируйте недавние тренировки или начните заново с лёгких занятий.</numerusform>
            <numerusform>Ни одной тренировки за последние %n дня: Тренированность снизилась до %1. Импортируйте недавние тренировки или начните заново с лёгких занятий.</numerusform>
            <numerusform>Ни одной тренировки за последние %n дней: Тренированность снизилась до %1. Импортируйте недавние тренировки или начните заново с лёгких занятий.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No training in the last %n weeks: Fitness has decayed to %1. Import recent activities, or start again with easy sessions.</source>
        <translation>
            <numerusform>Ни одной тренировки за последнюю %n неделю: Тренированность снизилась до %1. Импортируйте недавние тренировки или начните заново с лёгких занятий.</numerusform>
            <numerusform>Ни одной тренировки за последние %n недели: Тренированность снизилась до %1. Импортируйте недавние тренировки или начните заново с лёгких занятий.</numerusform>
            <numerusform>Ни одной тренировки за последние %n недель: Тренированность снизилась до %1. Импортируйте недавние тренировки или начните заново с лёгких занятий.</numerusform>
        </translation>
    </message>
    <message>
        <source>Fitness is %1, too low for the ramp rate and Form to say much yet: regular sessions will build it.</source>
        <translation>Тренированность — %1: слишком мало, чтобы темп роста и Форма что-то значили; регулярные тренировки её нарастят.</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>%1 mi</source>
        <translation>%1 мили</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 м</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 км</translation>
    </message>
    <message>
        <source>%1 /mi</source>
        <translation>%1 /миля</translation>
    </message>
    <message>
        <source>%1 /km</source>
        <translation>%1 /км</translation>
    </message>
    <message>
        <source>%1 /100 m</source>
        <translation>%1 /100 м</translation>
    </message>
    <message>
        <source>%1 /100 yd</source>
        <translation>%1 /100 ярдов</translation>
    </message>
    <message>
        <source>%1 yd</source>
        <translation>%1 ярдов</translation>
    </message>
    <message>
        <source>%1 mph</source>
        <translation>%1 миль/ч</translation>
    </message>
    <message>
        <source>%1 km/h</source>
        <translation>%1 км/ч</translation>
    </message>
    <message>
        <source>%1 /500 m</source>
        <translation>%1 /500 м</translation>
    </message>
</context>
<context>
    <name>tricoach::AccountController</name>
    <message>
        <source>Signed out of your TriCoach account; everything on this computer stays.</source>
        <translation>Вы вышли из аккаунта TriCoach; всё на этом компьютере остаётся.</translation>
    </message>
</context>
<context>
    <name>tricoach::AccountSettings</name>
    <message>
        <source>TriCoach account</source>
        <translation>Аккаунт TriCoach</translation>
    </message>
    <message>
        <source>Sign in to a TriCoach server to sync Strava without an application of your own and to get new Strava activities as soon as they are uploaded.</source>
        <translation>Войдите на сервер TriCoach, чтобы синхронизировать Strava без собственного приложения и получать новые тренировки Strava сразу после загрузки.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Waiting for the sign-in in your browser…</source>
        <translation>Ожидание входа в браузере…</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Войти…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <source>the sign-in page</source>
        <translation>страницу входа</translation>
    </message>
    <message>
        <source>No browser window? Open %1 yourself.</source>
        <translation>Окно браузера не появилось? Откройте %1 сами.</translation>
    </message>
    <message>
        <source>No browser could be opened: open %1 yourself.</source>
        <translation>Не удалось открыть браузер: откройте %1 сами.</translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <translation>Вы вошли как %1.</translation>
    </message>
    <message>
        <source>Signed in as %1, with Strava</source>
        <translation>Вы вошли как %1, через Strava</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Вы вошли как %1</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Вход не выполнен</translation>
    </message>
    <message>
        <source>Live: new Strava activities arrive as soon as they are uploaded.</source>
        <translation>На связи: новые тренировки Strava приходят сразу после загрузки.</translation>
    </message>
    <message>
        <source>Connecting for live updates…</source>
        <translation>Подключение к обновлениям…</translation>
    </message>
    <message>
        <source>Live updates are paused (%1); TriCoach keeps trying, and catches up when back.</source>
        <translation>Обновления приостановлены (%1); TriCoach продолжает попытки и догонит пропущенное, когда связь вернётся.</translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation>Войти снова…</translation>
    </message>
</context>
<context>
    <name>tricoach::ActivitiesPage</name>
    <message>
        <source>Search titles, notes and sports</source>
        <translation>Поиск по названиям, заметкам и видам спорта</translation>
    </message>
    <message>
        <source>All sports</source>
        <translation>Все виды спорта</translation>
    </message>
    <message>
        <source>Show every day again</source>
        <translation>Снова показать все дни</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>%1  ✕</source>
        <translation>%1  ✕</translation>
    </message>
    <message numerus="yes">
        <source>%n activities</source>
        <translation>
            <numerusform>%n тренировка</numerusform>
            <numerusform>%n тренировки</numerusform>
            <numerusform>%n тренировок</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tricoach::ActivityDetail</name>
    <message>
        <source>Recording</source>
        <translation>Запись</translation>
    </message>
    <message>
        <source>Laps</source>
        <translation>Круги</translation>
    </message>
    <message>
        <source>Time in zones</source>
        <translation>Время в зонах</translation>
    </message>
    <message>
        <source>not rated</source>
        <translation>без оценки</translation>
    </message>
    <message>
        <source>Rate of perceived exertion: 1 very easy … 10 maximal</source>
        <translation>RPE (субъективная нагрузка): 1 — очень легко … 10 — максимально</translation>
    </message>
    <message>
        <source>Use my own load:</source>
        <translation>Задать нагрузку вручную:</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Sport</source>
        <translation>Вид спорта</translation>
    </message>
    <message>
        <source>RPE</source>
        <translation>RPE</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Нагрузка</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Сохранить изменения</translation>
    </message>
    <message>
        <source>Delete activity</source>
        <translation>Удалить тренировку</translation>
    </message>
    <message>
        <source>Edit ▸ Undo brings it back.</source>
        <translation>Вернуть её можно через Правка ▸ Отменить.</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Редактирование</translation>
    </message>
    <message>
        <source>Select an activity</source>
        <translation>Выберите тренировку</translation>
    </message>
    <message>
        <source>Its recording, laps and zones appear here.</source>
        <translation>Здесь появятся её запись, круги и зоны.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; avg</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; в среднем</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; bpm avg</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; уд/мин в среднем</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; W avg</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; Вт в среднем</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; m climbed</source>
        <translation>набор высоты &lt;b&gt;%1&lt;/b&gt; м</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; kcal</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; ккал</translation>
    </message>
    <message>
        <source>Load &lt;b&gt;%1&lt;/b&gt; from %2</source>
        <translation>Нагрузка &lt;b&gt;%1&lt;/b&gt; (расчёт: %2)</translation>
    </message>
    <message>
        <source>, intensity %1</source>
        <translation>, интенсивность %1</translation>
    </message>
    <message>
        <source>source: %1</source>
        <translation>источник: %1</translation>
    </message>
    <message>
        <source>Lengths</source>
        <translation>Длины бассейна</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Зона</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Диапазон</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Доля</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Мощность</translation>
    </message>
    <message>
        <source>Heart rate</source>
        <translation>Пульс</translation>
    </message>
    <message>
        <source>Pace</source>
        <translation>Темп</translation>
    </message>
    <message>
        <source>Set your thresholds in Settings to see time in zones.</source>
        <translation>Укажите пороги в Настройках, чтобы видеть время в зонах.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; ft climbed</source>
        <translation>набор высоты &lt;b&gt;%1&lt;/b&gt; фт</translation>
    </message>
    <message>
        <source>Sets</source>
        <translation>Серии</translation>
    </message>
</context>
<context>
    <name>tricoach::ActivityTableModel</name>
    <message>
        <source>your value</source>
        <translation>ваше значение</translation>
    </message>
    <message>
        <source>power</source>
        <translation>мощность</translation>
    </message>
    <message>
        <source>pace</source>
        <translation>темп</translation>
    </message>
    <message>
        <source>heart rate</source>
        <translation>пульс</translation>
    </message>
    <message>
        <source>RPE</source>
        <translation>RPE</translation>
    </message>
    <message>
        <source>estimate</source>
        <translation>приблизительно</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Вручную</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Strava</source>
        <translation>Strava</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Sport</source>
        <translation>Вид спорта</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Дистанция</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Нагрузка</translation>
    </message>
    <message>
        <source>Load from</source>
        <translation>Расчёт нагрузки</translation>
    </message>
    <message>
        <source>Avg HR</source>
        <translation>Ср. пульс</translation>
    </message>
    <message>
        <source>Avg power</source>
        <translation>Ср. мощность</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>its legs</source>
        <translation>сумма этапов</translation>
    </message>
</context>
<context>
    <name>tricoach::CalendarPage</name>
    <message>
        <source>Previous month</source>
        <translation>Предыдущий месяц</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>Следующий месяц</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
</context>
<context>
    <name>tricoach::DashboardPage</name>
    <message>
        <source>Weekly volume</source>
        <translation>Объём по неделям</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Часы</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Дистанция</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Нагрузка</translation>
    </message>
    <message>
        <source>The last year, day by day</source>
        <translation>Последний год по дням</translation>
    </message>
    <message>
        <source>Dashboard · %1</source>
        <translation>Сводка · %1</translation>
    </message>
    <message>
        <source>Sport distribution</source>
        <translation>Виды спорта</translation>
    </message>
    <message>
        <source>Monthly volume</source>
        <translation>Объём по месяцам</translation>
    </message>
    <message>
        <source>Yearly volume</source>
        <translation>Объём по годам</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>to race day</source>
        <translation>до дня старта</translation>
    </message>
    <message>
        <source>race day, %1, is past the end of this range</source>
        <translation>день старта, %1, за пределами этого периода</translation>
    </message>
    <message numerus="yes">
        <source>%n activities dated before %1 left out: the device&apos;s clock was not set</source>
        <translation>
            <numerusform>%n тренировка с датой до %1 не показана: часы устройства не были настроены</numerusform>
            <numerusform>%n тренировки с датой до %1 не показаны: часы устройства не были настроены</numerusform>
            <numerusform>%n тренировок с датой до %1 не показаны: часы устройства не были настроены</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tricoach::EstimateDialog</name>
    <message>
        <source>Your thresholds, estimated</source>
        <translation>Ваши пороги по данным тренировок</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;Loads are only estimates until TriCoach knows your thresholds. These come from the activities of the %n days to %1 (the maximum heart rate from the last %2 days).&lt;/p&gt;&lt;p&gt;Check them, change any you know better, and use them: every activity from your first on is scored with them. You can change them later in Settings.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;Пока TriCoach не знает ваших порогов, нагрузка — лишь оценка. Эти значения получены по тренировкам за %n день до %1 (максимальный пульс — за последние %2 дней).&lt;/p&gt;&lt;p&gt;Проверьте их, исправьте те, что знаете лучше, и примените: по ним будет оценена каждая тренировка, начиная с самой первой. Изменить их можно позже в Настройках.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;Пока TriCoach не знает ваших порогов, нагрузка — лишь оценка. Эти значения получены по тренировкам за %n дня до %1 (максимальный пульс — за последние %2 дней).&lt;/p&gt;&lt;p&gt;Проверьте их, исправьте те, что знаете лучше, и примените: по ним будет оценена каждая тренировка, начиная с самой первой. Изменить их можно позже в Настройках.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;Пока TriCoach не знает ваших порогов, нагрузка — лишь оценка. Эти значения получены по тренировкам за %n дней до %1 (максимальный пульс — за последние %2 дней).&lt;/p&gt;&lt;p&gt;Проверьте их, исправьте те, что знаете лучше, и примените: по ним будет оценена каждая тренировка, начиная с самой первой. Изменить их можно позже в Настройках.&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Порог</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Сейчас</translation>
    </message>
    <message>
        <source>Where it comes from</source>
        <translation>Откуда значение</translation>
    </message>
    <message>
        <source>m:ss per km</source>
        <translation>м:сс на км</translation>
    </message>
    <message>
        <source>m:ss per 100 m</source>
        <translation>м:сс на 100 м</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>не задано</translation>
    </message>
    <message>
        <source> W</source>
        <translation> Вт</translation>
    </message>
    <message>
        <source> bpm</source>
        <translation> уд/мин</translation>
    </message>
    <message>
        <source>Use these values</source>
        <translation>Использовать эти значения</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Не сейчас</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a pace; type minutes and seconds, e.g. 4:20.</source>
        <translation>%1: «%2» — не темп; введите минуты и секунды, например 4:20.</translation>
    </message>
</context>
<context>
    <name>tricoach::HeatmapWidget</name>
    <message>
        <source>%1
Rest day</source>
        <translation>%1
День отдыха</translation>
    </message>
    <message>
        <source>%1
%2, %3
Load %4</source>
        <translation>%1
%2, время %3
Нагрузка %4</translation>
    </message>
    <message numerus="yes">
        <source>%n activities</source>
        <translation>
            <numerusform>%n тренировка</numerusform>
            <numerusform>%n тренировки</numerusform>
            <numerusform>%n тренировок</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tricoach::ImportDialog</name>
    <message>
        <source>Import activities</source>
        <translation>Импорт тренировок</translation>
    </message>
    <message>
        <source>Looking for activity files…</source>
        <translation>Поиск файлов тренировок…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation>Что пошло не так</translation>
    </message>
    <message>
        <source>Stopping after the files being read… what is already stored stays.</source>
        <translation>Остановка после чтения текущих файлов… Уже сохранённое останется.</translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation>Импорт отменён.</translation>
    </message>
    <message>
        <source>Import finished.</source>
        <translation>Импорт завершён.</translation>
    </message>
    <message>
        <source> (at byte %1)</source>
        <translation> (байт %1)</translation>
    </message>
    <message>
        <source> (line %1)</source>
        <translation> (строка %1)</translation>
    </message>
    <message>
        <source>Imported what could be read: %1</source>
        <translation>Импортировано то, что удалось прочитать: %1</translation>
    </message>
    <message numerus="yes">
        <source>Reading %1 of %2: %3 — %n new activities so far</source>
        <translation>
            <numerusform>Чтение %1 из %2: %3 — пока %n новая тренировка</numerusform>
            <numerusform>Чтение %1 из %2: %3 — пока %n новые тренировки</numerusform>
            <numerusform>Чтение %1 из %2: %3 — пока %n новых тренировок</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n activities added</source>
        <translation>
            <numerusform>Добавлена %n тренировка</numerusform>
            <numerusform>Добавлены %n тренировки</numerusform>
            <numerusform>Добавлено %n тренировок</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n were already there</source>
        <translation>
            <numerusform>%n уже была загружена</numerusform>
            <numerusform>%n уже были загружены</numerusform>
            <numerusform>%n уже были загружены</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files could not be read</source>
        <translation>
            <numerusform>не удалось прочитать %n файл</numerusform>
            <numerusform>не удалось прочитать %n файла</numerusform>
            <numerusform>не удалось прочитать %n файлов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>cancelled: %n files not read</source>
        <translation>
            <numerusform>отменено, не прочитан %n файл</numerusform>
            <numerusform>отменено, не прочитаны %n файла</numerusform>
            <numerusform>отменено, не прочитано %n файлов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n less complete copies replaced</source>
        <translation>
            <numerusform>заменена %n менее полная копия</numerusform>
            <numerusform>заменены %n менее полные копии</numerusform>
            <numerusform>заменено %n менее полных копий</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tricoach::LlmCoach</name>
    <message>
        <source>Asking the coach model…</source>
        <translation>Запрос к модели-тренеру…</translation>
    </message>
    <message>
        <source>Showing the built-in coach&apos;s week: %1</source>
        <translation>Показана неделя встроенного тренера: %1</translation>
    </message>
    <message>
        <source>the request was lost.</source>
        <translation>запрос потерян.</translation>
    </message>
    <message>
        <source>the request was cancelled.</source>
        <translation>запрос отменён.</translation>
    </message>
    <message>
        <source>the coach model did not answer within %1 s.</source>
        <translation>модель-тренер не ответила за %1 с.</translation>
    </message>
    <message>
        <source>could not reach the coach model at %1 (%2).</source>
        <translation>не удалось связаться с моделью-тренером по адресу %1 (%2).</translation>
    </message>
    <message>
        <source>the connection broke off (%1).</source>
        <translation>соединение прервалось (%1).</translation>
    </message>
    <message>
        <source>the server&apos;s answer was not a chat completion (%1).</source>
        <translation>ответ сервера не похож на chat completion (%1).</translation>
    </message>
    <message>
        <source>the model declined: %1</source>
        <translation>модель отказалась: %1</translation>
    </message>
    <message>
        <source>the model&apos;s answer was empty (finish reason: %1).</source>
        <translation>ответ модели пуст (причина завершения: %1).</translation>
    </message>
    <message>
        <source>The plan must start on %1.</source>
        <translation>План должен начинаться %1.</translation>
    </message>
    <message>
        <source>The answer is not valid JSON: %1.</source>
        <translation>Ответ — не корректный JSON: %1.</translation>
    </message>
    <message>
        <source>The coach model&apos;s week, corrected once to pass the coaching rules.</source>
        <translation>Неделя от модели-тренера, один раз исправленная, чтобы соответствовать тренерским правилам.</translation>
    </message>
    <message>
        <source>The coach model&apos;s week; it passes the coaching rules.</source>
        <translation>Неделя от модели-тренера; она соответствует тренерским правилам.</translation>
    </message>
    <message>
        <source>Asking the coach model to fix its plan…</source>
        <translation>Просим модель-тренера исправить план…</translation>
    </message>
    <message>
        <source>Showing the built-in coach&apos;s week: the model&apos;s plan still broke the coaching rules after one correction:
%1</source>
        <translation>Показана неделя встроенного тренера: план модели и после исправления нарушал тренерские правила:
%1</translation>
    </message>
    <message>
        <source>The coach model&apos;s race-day strategy, corrected once.</source>
        <translation>Стратегия старта от модели-тренера, один раз исправленная.</translation>
    </message>
    <message>
        <source>The coach model&apos;s race-day strategy, with your computed targets.</source>
        <translation>Стратегия старта от модели-тренера с вашими рассчитанными целями.</translation>
    </message>
    <message>
        <source>the model&apos;s race-day strategy was still unusable after one correction:
%1</source>
        <translation>стратегия старта от модели и после исправления непригодна:
%1</translation>
    </message>
    <message>
        <source>Showing the built-in race-day strategy: %1</source>
        <translation>Показана стратегия старта встроенного тренера: %1</translation>
    </message>
</context>
<context>
    <name>tricoach::LoadCard</name>
    <message>
        <source>Training load</source>
        <translation>Тренировочная нагрузка</translation>
    </message>
    <message>
        <source>Fitness</source>
        <translation>Тренированность</translation>
    </message>
    <message>
        <source>Fatigue</source>
        <translation>Усталость</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Форма</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Низкий</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Средний</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Высокий</translation>
    </message>
    <message>
        <source>Transition (losing fitness)</source>
        <translation>Переходный период (тренированность снижается)</translation>
    </message>
    <message>
        <source>Fresh</source>
        <translation>Свежесть</translation>
    </message>
    <message>
        <source>Maintaining</source>
        <translation>Поддержание</translation>
    </message>
    <message>
        <source>Productive</source>
        <translation>Продуктивная зона</translation>
    </message>
    <message>
        <source>Overreaching</source>
        <translation>Перегрузка</translation>
    </message>
    <message>
        <source>Fitness and Fatigue are %1- and %2-day exponentially weighted averages of daily Load; days without training count as zero.
Form is yesterday&apos;s Fitness minus yesterday&apos;s Fatigue: how fresh you start the day.</source>
        <translation>Тренированность и Усталость — экспоненциально взвешенные средние дневной Нагрузки за %1 и %2 дн.; дни без тренировок считаются нулевыми.
Форма — вчерашняя Тренированность минус вчерашняя Усталость: насколько свежим вы начинаете день.</translation>
    </message>
    <message>
        <source>Ramp rate: –</source>
        <translation>Темп роста тренированности: –</translation>
    </message>
    <message>
        <source>Import your activities to see how your training load is building.</source>
        <translation>Импортируйте свои тренировки, чтобы увидеть, как растёт тренировочная нагрузка.</translation>
    </message>
    <message>
        <source>Ramp rate: %1 Fitness in 7 days</source>
        <translation>Темп роста тренированности: %1 ед. за 7 дней</translation>
    </message>
    <message>
        <source>How much Fitness changed over the last week; a steady 5–8 a week builds without undue risk.</source>
        <translation>Насколько изменилась Тренированность за последнюю неделю; стабильный прирост 5–8 ед. в неделю развивает её без лишнего риска.</translation>
    </message>
    <message>
        <source>Risk: %1</source>
        <translation>Риск: %1</translation>
    </message>
    <message>
        <source>Form: %1</source>
        <translation>Форма: %1</translation>
    </message>
    <message numerus="yes">
        <source>more than %n days ago</source>
        <translation>
            <numerusform>более %n дня назад</numerusform>
            <numerusform>более %n дней назад</numerusform>
            <numerusform>более %n дней назад</numerusform>
        </translation>
    </message>
    <message>
        <source>Last training: %1</source>
        <translation>Последняя тренировка: %1</translation>
    </message>
    <message>
        <source>a break from training</source>
        <translation>перерыв в тренировках</translation>
    </message>
    <message>
        <source>too little Fitness to judge</source>
        <translation>Тренированность слишком мала для оценки</translation>
    </message>
</context>
<context>
    <name>tricoach::MainWindow</name>
    <message>
        <source>TriCoach</source>
        <translation>TriCoach</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Тренировки</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Календарь</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>&amp;Импорт файлов…</translation>
    </message>
    <message>
        <source>Import &amp;folder…</source>
        <translation>Импорт &amp;папки…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>П&amp;рофиль</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Сводка</translation>
    </message>
    <message>
        <source>&amp;Activities</source>
        <translation>&amp;Тренировки</translation>
    </message>
    <message>
        <source>&amp;Calendar</source>
        <translation>&amp;Календарь</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>&amp;План</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Настройки</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About TriCoach</source>
        <translation>&amp;О программе TriCoach</translation>
    </message>
    <message>
        <source>About TriCoach</source>
        <translation>О программе TriCoach</translation>
    </message>
    <message>
        <source>&lt;b&gt;TriCoach %1&lt;/b&gt;&lt;p&gt;An AI triathlon coach for the desktop.&lt;/p&gt;&lt;p&gt;Free software under the GNU General Public License, version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;b&gt;TriCoach %1&lt;/b&gt;&lt;p&gt;ИИ-тренер по триатлону для настольного компьютера.&lt;/p&gt;&lt;p&gt;Свободное программное обеспечение под лицензией GNU General Public License версии 3 или более поздней.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>О &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;New profile…</source>
        <translation>&amp;Новый профиль…</translation>
    </message>
    <message>
        <source>&amp;Rename profile…</source>
        <translation>&amp;Переименовать профиль…</translation>
    </message>
    <message>
        <source>TriCoach — %1</source>
        <translation>TriCoach — %1</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>Новый профиль</translation>
    </message>
    <message>
        <source>Name of the athlete:</source>
        <translation>Имя спортсмена:</translation>
    </message>
    <message>
        <source>Rename profile</source>
        <translation>Переименовать профиль</translation>
    </message>
    <message>
        <source>Import activity files</source>
        <translation>Импорт файлов тренировок</translation>
    </message>
    <message>
        <source>Activity files (*.fit *.tcx *.gpx *.fit.gz *.tcx.gz *.gpx.gz *.zip);;All files (*)</source>
        <translation>Файлы тренировок (*.fit *.tcx *.gpx *.fit.gz *.tcx.gz *.gpx.gz *.zip);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Import a folder of activities</source>
        <translation>Импорт папки с тренировками</translation>
    </message>
    <message>
        <source>Sample season</source>
        <translation>Пример сезона</translation>
    </message>
    <message>
        <source>Generating a sample season…</source>
        <translation>Создание примера сезона…</translation>
    </message>
    <message numerus="yes">
        <source>%n activities</source>
        <translation>
            <numerusform>%n тренировка</numerusform>
            <numerusform>%n тренировки</numerusform>
            <numerusform>%n тренировок</numerusform>
        </translation>
    </message>
    <message>
        <source>This change could not be saved:
%1</source>
        <translation>Это изменение не удалось сохранить:
%1</translation>
    </message>
    <message>
        <source>&amp;Sync with Strava</source>
        <translation>&amp;Синхронизировать со Strava</translation>
    </message>
    <message>
        <source>Force &amp;refresh from Strava</source>
        <translation>Полностью &amp;обновить из Strava</translation>
    </message>
</context>
<context>
    <name>tricoach::MonthView</name>
    <message>
        <source>Week</source>
        <translation>Неделя</translation>
    </message>
    <message>
        <source>Load %1</source>
        <translation>Нагрузка %1</translation>
    </message>
    <message>
        <source>%1 h
Load %2</source>
        <translation>%1 ч
Нагрузка %2</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · Load %4</source>
        <translation>%1 · %2 · %3 · Нагрузка %4</translation>
    </message>
</context>
<context>
    <name>tricoach::PlanPage</name>
    <message>
        <source>Race and training time…</source>
        <translation>Старт и время на тренировки…</translation>
    </message>
    <message>
        <source>Previous week</source>
        <translation>Предыдущая неделя</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>Следующая неделя</translation>
    </message>
    <message>
        <source>Day / session</source>
        <translation>День / тренировка</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Минуты</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Нагрузка</translation>
    </message>
    <message>
        <source>Workout</source>
        <translation>Тренировка</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Неделя</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Часы</translation>
    </message>
    <message>
        <source>Fitness</source>
        <translation>Тренированность</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Форма</translation>
    </message>
    <message>
        <source>Focus</source>
        <translation>Акцент</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>Сезон</translation>
    </message>
    <message>
        <source>Race day</source>
        <translation>День старта</translation>
    </message>
    <message>
        <source>No race yet: set the race you are training for and the time you have, and the coach plans every week up to it.</source>
        <translation>Старт ещё не задан: укажите старт, к которому готовитесь, и время на тренировки, и тренер распишет каждую неделю до него.</translation>
    </message>
    <message>
        <source>%1 on %2 has passed: set your next race.</source>
        <translation>%1 (%2) уже прошёл: задайте следующий старт.</translation>
    </message>
    <message>
        <source>The race</source>
        <translation>Старт</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 — %4 weeks to go</source>
        <translation>%1 · %2 · %3 — осталось недель: %4</translation>
    </message>
    <message>
        <source>Your race</source>
        <translation>Ваш старт</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>Старт</translation>
    </message>
    <message>
        <source>That week is not in the plan.</source>
        <translation>Этой недели нет в плане.</translation>
    </message>
    <message>
        <source>Week of %1 — %2%3, %4 h, load %5</source>
        <translation>Неделя с %1 — %2%3, %4 ч, нагрузка %5</translation>
    </message>
    <message>
        <source> (recovery)</source>
        <translation> (восстановление)</translation>
    </message>
    <message>
        <source>rest</source>
        <translation>отдых</translation>
    </message>
    <message>
        <source>✓ done: %1</source>
        <translation>✓ выполнено: %1</translation>
    </message>
    <message>
        <source>Done so far: %1% of the planned time</source>
        <translation>Выполнено: %1% запланированного времени</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Замечание</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Predicted finish %1&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Прогноз финиша %1&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1 %2 km — %3&lt;/h3&gt;&lt;p&gt;&lt;b&gt;%4&lt;/b&gt; (%5)&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1 %2 км — %3&lt;/h3&gt;&lt;p&gt;&lt;b&gt;%4&lt;/b&gt; (%5)&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Fuel&lt;/h3&gt;&lt;p&gt;%1 g carbohydrate an hour on the bike, %2 on the run, %3 ml fluid an hour (%4).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Питание&lt;/h3&gt;&lt;p&gt;%1 г углеводов в час на велоэтапе, %2 на беге, %3 мл жидкости в час (%4).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Race week&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Неделя старта&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Race morning&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Утро старта&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;T1&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;T1&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;T2&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;T2&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Mental cues&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Установки&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;If things go wrong&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Если что-то пошло не так&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Ask the AI coach</source>
        <translation>Спросить ИИ-тренера</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Set up the AI coach in Settings first.</source>
        <translation>Сначала настройте ИИ-тренера в настройках.</translation>
    </message>
    <message>
        <source> %1 Strava activities were not sent: Strava&apos;s terms do not allow their data in AI models.</source>
        <translation> Тренировки из Strava (%1) не отправлялись: условия Strava запрещают передавать их данные моделям ИИ.</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>Перенести на</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Перенос</translation>
    </message>
    <message>
        <source>Moved. The week still follows the coaching rules.</source>
        <translation>Перенесено. Неделя по-прежнему соответствует тренерским правилам.</translation>
    </message>
    <message>
        <source>Moved, but: %1</source>
        <translation>Перенесено, но: %1</translation>
    </message>
    <message>
        <source>Right-click to move it to another day</source>
        <translation>Правый щелчок — перенести на другой день</translation>
    </message>
    <message>
        <source>Fuel: %1–%2 g carbohydrate per kg (%3 day)</source>
        <translation>Питание: %1–%2 г углеводов на кг (день: %3)</translation>
    </message>
</context>
<context>
    <name>tricoach::PmcChart</name>
    <message>
        <source>Load</source>
        <translation>Нагрузка</translation>
    </message>
    <message>
        <source>Fitness</source>
        <translation>Тренированность</translation>
    </message>
    <message>
        <source>Fatigue</source>
        <translation>Усталость</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Форма</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>Daily load</source>
        <translation>Дневная нагрузка</translation>
    </message>
    <message>
        <source>Fitness and Fatigue are %1- and %2-day exponentially weighted averages of daily Load; days without training count as zero.
Form is yesterday&apos;s Fitness minus yesterday&apos;s Fatigue: how fresh you start the day.
Bars: the Load of each day.</source>
        <translation>Тренированность и Усталость — экспоненциально взвешенные средние дневной Нагрузки за %1 и %2 дн.; дни без тренировок считаются нулевыми.
Форма — вчерашняя Тренированность минус вчерашняя Усталость: насколько свежим вы начинаете день.
Столбцы — Нагрузка каждого дня.</translation>
    </message>
    <message>
        <source> (today)</source>
        <translation> (сегодня)</translation>
    </message>
    <message>
        <source>
Load %1
Fitness %2
Fatigue %3
Form %4</source>
        <translation>
Нагрузка %1
Тренированность %2
Усталость %3
Форма %4</translation>
    </message>
    <message>
        <source>Planned Fitness</source>
        <translation>Тренированность по плану</translation>
    </message>
    <message>
        <source>Planned Form</source>
        <translation>Форма по плану</translation>
    </message>
    <message>
        <source>To race day, %1: dashed lines are the plan</source>
        <translation>До дня старта, %1: пунктир — это план</translation>
    </message>
</context>
<context>
    <name>tricoach::RaceDialog</name>
    <message>
        <source>Race and training time</source>
        <translation>Старт и время на тренировки</translation>
    </message>
    <message>
        <source>Sprint (750 m / 20 km / 5 km)</source>
        <translation>Спринт (750 м / 20 км / 5 км)</translation>
    </message>
    <message>
        <source>Olympic (1.5 km / 40 km / 10 km)</source>
        <translation>Олимпийская (1,5 км / 40 км / 10 км)</translation>
    </message>
    <message>
        <source>70.3 (1.9 km / 90 km / 21.1 km)</source>
        <translation>70.3 (1,9 км / 90 км / 21,1 км)</translation>
    </message>
    <message>
        <source>Full (3.8 km / 180 km / 42.2 km)</source>
        <translation>Полная (3,8 км / 180 км / 42,2 км)</translation>
    </message>
    <message>
        <source>Beginner</source>
        <translation>Начинающий</translation>
    </message>
    <message>
        <source>Intermediate</source>
        <translation>Средний уровень</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Продвинутый</translation>
    </message>
    <message>
        <source>Linear: base, build, peak, taper</source>
        <translation>Линейная: база, развитие, пик, подводка</translation>
    </message>
    <message>
        <source>Block: accumulation, intensification, realization</source>
        <translation>Блочная: накопление, интенсификация, реализация</translation>
    </message>
    <message>
        <source>Reverse: speed first, volume later</source>
        <translation>Обратная: сначала скорость, потом объём</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>Старт</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Дистанция</translation>
    </message>
    <message>
        <source>Experience</source>
        <translation>Опыт</translation>
    </message>
    <message>
        <source>Periodization</source>
        <translation>Периодизация</translation>
    </message>
    <message>
        <source>Hours you can train on each day (0: a day off)</source>
        <translation>Часы на тренировки по дням (0 — выходной)</translation>
    </message>
    <message>
        <source>I can swim in a pool</source>
        <translation>Есть доступ к бассейну</translation>
    </message>
    <message>
        <source>I have an indoor trainer</source>
        <translation>Есть велостанок</translation>
    </message>
</context>
<context>
    <name>tricoach::RecordingChart</name>
    <message>
        <source>Heart rate (bpm)</source>
        <translation>Пульс (уд/мин)</translation>
    </message>
    <message>
        <source>Power (W)</source>
        <translation>Мощность (Вт)</translation>
    </message>
    <message>
        <source>Pace (min/100 yd)</source>
        <translation>Темп (мин/100 ярдов)</translation>
    </message>
    <message>
        <source>Pace (min/100 m)</source>
        <translation>Темп (мин/100 м)</translation>
    </message>
    <message>
        <source>Pace (min/mi)</source>
        <translation>Темп (мин/миля)</translation>
    </message>
    <message>
        <source>Pace (min/km)</source>
        <translation>Темп (мин/км)</translation>
    </message>
    <message>
        <source>Speed (mph)</source>
        <translation>Скорость (миль/ч)</translation>
    </message>
    <message>
        <source>Speed (km/h)</source>
        <translation>Скорость (км/ч)</translation>
    </message>
    <message>
        <source>Altitude (m)</source>
        <translation>Высота (м)</translation>
    </message>
    <message>
        <source>Cadence</source>
        <translation>Каденс</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Сбросить масштаб</translation>
    </message>
    <message>
        <source>Drag across the chart to zoom in; right-click to zoom out.</source>
        <translation>Выделите участок графика мышью, чтобы увеличить; щелчок правой кнопкой — уменьшить.</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Минуты</translation>
    </message>
</context>
<context>
    <name>tricoach::Secrets</name>
    <message>
        <source>%1 is damaged (%2). TriCoach left it as it is: move it aside, then sign in again to store your secrets anew.</source>
        <translation>Файл %1 повреждён (%2). TriCoach оставил его как есть: переместите его в другое место, затем войдите снова, чтобы сохранить секреты заново.</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at byte %2</source>
        <translation>это не корректный JSON: %1 в байте %2</translation>
    </message>
    <message>
        <source>not a JSON object of names and secrets</source>
        <translation>это не JSON-объект с именами и секретами</translation>
    </message>
    <message>
        <source>the value of &quot;%1&quot; is not text</source>
        <translation>значение «%1» — не текст</translation>
    </message>
    <message>
        <source>Could not create the folder of %1.</source>
        <translation>Не удалось создать папку для %1.</translation>
    </message>
    <message>
        <source>there is no D-Bus session bus to reach a keychain through: %1</source>
        <translation>нет сеансовой шины D-Bus, через которую можно обратиться к связке ключей: %1</translation>
    </message>
    <message>
        <source>libsecret is not installed; on Debian and Ubuntu it is libsecret-1-0</source>
        <translation>не установлена libsecret; в Debian и Ubuntu это пакет libsecret-1-0</translation>
    </message>
    <message>
        <source>no keychain service runs on the D-Bus session bus; install gnome-keyring or KWallet and unlock it</source>
        <translation>на сеансовой шине D-Bus не работает ни одна служба связки ключей; установите gnome-keyring или KWallet и разблокируйте её</translation>
    </message>
    <message>
        <source>The system keychain did not answer within %1 s; it may be locked and waiting for a password prompt nobody can see.</source>
        <translation>Системная связка ключей не ответила за %1 с; возможно, она заблокирована и ждёт ввода пароля в окне, которого никто не видит.</translation>
    </message>
    <message>
        <source>The system keychain could not read “%1”: %2</source>
        <translation>Системная связка ключей не смогла прочитать «%1»: %2</translation>
    </message>
    <message>
        <source>The system keychain could not store “%1”: %2</source>
        <translation>Системная связка ключей не смогла сохранить «%1»: %2</translation>
    </message>
    <message>
        <source>The system keychain could not remove “%1”: %2</source>
        <translation>Системная связка ключей не смогла удалить «%1»: %2</translation>
    </message>
    <message>
        <source>the system keychain (%1)</source>
        <translation>системная связка ключей (%1)</translation>
    </message>
    <message>
        <source>the system keychain did not answer within %1 s; it may be locked and waiting for a password prompt nobody can see</source>
        <translation>системная связка ключей не ответила за %1 с; возможно, она заблокирована и ждёт ввода пароля в окне, которого никто не видит</translation>
    </message>
    <message>
        <source>the system keychain refused a test entry: %1</source>
        <translation>системная связка ключей отказалась сохранить пробную запись: %1</translation>
    </message>
    <message>
        <source>the system keychain gave back something other than what TriCoach stored in it</source>
        <translation>системная связка ключей вернула не то, что TriCoach в неё сохранил</translation>
    </message>
    <message>
        <source>memory only (forgotten when TriCoach closes)</source>
        <translation>только в памяти (забудется при закрытии TriCoach)</translation>
    </message>
    <message>
        <source>%1 is larger than 1 MB, too large to be TriCoach&apos;s secrets file; move it aside.</source>
        <translation>Файл %1 больше 1 МБ — слишком велик для файла секретов TriCoach; переместите его в другое место.</translation>
    </message>
    <message>
        <source>%1 is being changed by another TriCoach; try again in a moment.</source>
        <translation>Файл %1 сейчас изменяет другой экземпляр TriCoach; повторите попытку чуть позже.</translation>
    </message>
    <message>
        <source>%1 belongs to another user; TriCoach does not use secrets another account can replace. Move it aside.</source>
        <translation>Файл %1 принадлежит другому пользователю; TriCoach не использует секреты, которые может подменить другая учётная запись. Переместите его в другое место.</translation>
    </message>
    <message>
        <source>%1 is readable by other users (mode %2); fix with chmod 600 %1</source>
        <translation>Файл %1 могут читать другие пользователи (права %2); исправьте командой chmod 600 %1</translation>
    </message>
    <message>
        <source>%1 can be changed by other users (mode %2); fix with chmod 600 %1</source>
        <translation>Файл %1 могут изменять другие пользователи (права %2); исправьте командой chmod 600 %1</translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <translation>это не обычный файл</translation>
    </message>
    <message>
        <source>its folder cannot be created</source>
        <translation>не удаётся создать его папку</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>доступ запрещён</translation>
    </message>
    <message>
        <source>No keychain is available (%1); TriCoach can keep your sign-ins and keys in %2, readable only by you, if you agree.</source>
        <translation>Связка ключей недоступна (%1); с вашего согласия TriCoach может хранить ваши данные для входа и ключи в файле %2, который сможете читать только вы.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>Не удалось прочитать %1: %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Не удалось записать %1: %2</translation>
    </message>
    <message>
        <source>Could not lock %1: %2</source>
        <translation>Не удалось заблокировать %1: %2</translation>
    </message>
</context>
<context>
    <name>tricoach::SecretsPrompt</name>
    <message>
        <source>No keychain</source>
        <translation>Нет связки ключей</translation>
    </message>
    <message>
        <source>Keep them in the file</source>
        <translation>Хранить в файле</translation>
    </message>
    <message>
        <source>Nothing was stored: without a keychain, TriCoach keeps sign-ins and keys only in a file you agreed to.</source>
        <translation>Ничего не сохранено: без связки ключей TriCoach хранит данные для входа и ключи только в файле, на который вы согласились.</translation>
    </message>
</context>
<context>
    <name>tricoach::SessionDetail</name>
    <message>
        <source>Double-click a leg to see it in full.</source>
        <translation>Дважды щёлкните этап, чтобы открыть его целиком.</translation>
    </message>
    <message>
        <source>Leg</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Дистанция</translation>
    </message>
    <message>
        <source>Pace / speed</source>
        <translation>Темп / скорость</translation>
    </message>
    <message>
        <source>Avg HR</source>
        <translation>Ср. пульс</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Нагрузка</translation>
    </message>
    <message>
        <source>Legs</source>
        <translation>Этапы</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Запись</translation>
    </message>
    <message>
        <source>Delete session</source>
        <translation>Удалить тренировку</translation>
    </message>
    <message>
        <source>Deletes every leg of the session; Edit ▸ Undo brings them all back.</source>
        <translation>Удаляет все этапы тренировки; «Правка ▸ Отменить» вернёт их все.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>%1 &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Load &lt;b&gt;%1&lt;/b&gt;, its legs&apos; loads added up</source>
        <translation>Нагрузка &lt;b&gt;%1&lt;/b&gt; — сумма нагрузок этапов</translation>
    </message>
    <message>
        <source>Title of the race, e.g. Lake Sprint Triathlon</source>
        <translation>Название старта, например «Спринт на озере»</translation>
    </message>
    <message>
        <source>Save title</source>
        <translation>Сохранить название</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Rename “%1”</source>
        <translation>переименование «%1»</translation>
    </message>
</context>
<context>
    <name>tricoach::SettingsPage</name>
    <message>
        <source>Thresholds and zones</source>
        <translation>Пороги и зоны</translation>
    </message>
    <message>
        <source>Loads from this day on are computed with these values; earlier days keep theirs.</source>
        <translation>Нагрузка начиная с этого дня рассчитывается по этим значениям; для более ранних дней остаются прежние.</translation>
    </message>
    <message>
        <source>In effect from</source>
        <translation>Действуют с</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>не задано</translation>
    </message>
    <message>
        <source>m:ss per km, e.g. 4:20</source>
        <translation>м:сс на км, например 4:20</translation>
    </message>
    <message>
        <source>m:ss per 100 m, e.g. 1:45</source>
        <translation>м:сс на 100 м, например 1:45</translation>
    </message>
    <message>
        <source>Threshold run pace</source>
        <translation>Пороговый темп бега</translation>
    </message>
    <message>
        <source>Critical swim speed</source>
        <translation>Критическая скорость плавания (CSS)</translation>
    </message>
    <message>
        <source>Save thresholds</source>
        <translation>Сохранить пороги</translation>
    </message>
    <message>
        <source>Zones from these thresholds</source>
        <translation>Зоны по этим порогам</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Зона</translation>
    </message>
    <message>
        <source>Power (W)</source>
        <translation>Мощность (Вт)</translation>
    </message>
    <message>
        <source>Run HR (bpm)</source>
        <translation>Пульс на беге (уд/мин)</translation>
    </message>
    <message>
        <source>Run pace</source>
        <translation>Темп бега</translation>
    </message>
    <message>
        <source>Changes so far</source>
        <translation>История изменений</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Действуют с</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Значения</translation>
    </message>
    <message>
        <source>Load and chart</source>
        <translation>Нагрузка и график</translation>
    </message>
    <message>
        <source>Where each sport&apos;s load comes from, first choice on the left (drag to reorder). A load you type in for an activity always wins.</source>
        <translation>Из чего рассчитывается нагрузка для каждого вида спорта: первый вариант — слева (порядок меняется перетаскиванием). Нагрузка, введённая для тренировки вручную, всегда в приоритете.</translation>
    </message>
    <message>
        <source>Fitness time constant (days)</source>
        <translation>Постоянная времени Тренированности (дней)</translation>
    </message>
    <message>
        <source>Fatigue time constant (days)</source>
        <translation>Постоянная времени Усталости (дней)</translation>
    </message>
    <message>
        <source>Save and recompute</source>
        <translation>Сохранить и пересчитать</translation>
    </message>
    <message>
        <source>Display and data</source>
        <translation>Отображение и данные</translation>
    </message>
    <message>
        <source>Metric (km, m)</source>
        <translation>Метрические (км, м)</translation>
    </message>
    <message>
        <source>Imperial (mi, ft)</source>
        <translation>Имперские (мили, футы)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <source>Takes effect the next time TriCoach starts.</source>
        <translation>Вступит в силу при следующем запуске TriCoach.</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Единицы</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Папка данных</translation>
    </message>
    <message>
        <source>The language changes the next time TriCoach starts.</source>
        <translation>Язык сменится при следующем запуске TriCoach.</translation>
    </message>
    <message>
        <source>Where TriCoach keeps your data</source>
        <translation>Где TriCoach хранит ваши данные</translation>
    </message>
    <message>
        <source>TriCoach uses the new data folder the next time it starts; your current database stays where it is.</source>
        <translation>TriCoach начнёт использовать новую папку данных при следующем запуске; текущая база данных останется на прежнем месте.</translation>
    </message>
    <message>
        <source>under %1</source>
        <translation>быстрее %1</translation>
    </message>
    <message>
        <source>Enter at least one threshold to save.</source>
        <translation>Чтобы сохранить, укажите хотя бы один порог.</translation>
    </message>
    <message>
        <source>Settings saved; loads and the chart were recomputed.</source>
        <translation>Настройки сохранены; нагрузка и график пересчитаны.</translation>
    </message>
    <message>
        <source>Where each zone starts, in % of the threshold (edit to use your own)</source>
        <translation>Где начинается каждая зона, в % от порога (измените, чтобы задать свои)</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Мощность</translation>
    </message>
    <message>
        <source>Bike HR</source>
        <translation>Пульс, велосипед</translation>
    </message>
    <message>
        <source>Run HR</source>
        <translation>Пульс, бег</translation>
    </message>
    <message>
        <source>Pace</source>
        <translation>Темп</translation>
    </message>
    <message>
        <source>Save zones</source>
        <translation>Сохранить зоны</translation>
    </message>
    <message>
        <source>Published tables</source>
        <translation>Стандартные таблицы</translation>
    </message>
    <message>
        <source>Coggan&apos;s power levels and Friel&apos;s heart-rate and pace zones</source>
        <translation>Уровни мощности по Коггану, зоны пульса и темпа по Фрилу</translation>
    </message>
    <message>
        <source>Zones not saved: each column needs six rising percentages (%1).</source>
        <translation>Зоны не сохранены: в каждом столбце нужно шесть возрастающих процентов (%1).</translation>
    </message>
    <message>
        <source>Zones saved.</source>
        <translation>Зоны сохранены.</translation>
    </message>
    <message>
        <source>Pace zones as % of threshold speed: higher is faster</source>
        <translation>Зоны темпа в % от пороговой скорости: больше — быстрее</translation>
    </message>
    <message>
        <source>AI coach (optional)</source>
        <translation>ИИ-тренер (по желанию)</translation>
    </message>
    <message>
        <source>An OpenAI-compatible server: OpenAI, Azure OpenAI, or a local Ollama, llama.cpp or vLLM. The built-in coach always works without it. Only your own data is sent — file imports, manual entries and your settings; Strava activities never are, as Strava&apos;s terms require.</source>
        <translation>Сервер, совместимый с OpenAI: OpenAI, Azure OpenAI или локальные Ollama, llama.cpp, vLLM. Встроенный тренер работает и без него. Отправляются только ваши собственные данные — импортированные файлы, ручные записи и настройки; тренировки из Strava — никогда, как того требуют условия Strava.</translation>
    </message>
    <message>
        <source>kept in your system&apos;s keychain</source>
        <translation>хранится в системном хранилище паролей</translation>
    </message>
    <message>
        <source>Azure OpenAI deployment</source>
        <translation>Развёртывание Azure OpenAI</translation>
    </message>
    <message>
        <source>Save AI coach</source>
        <translation>Сохранить ИИ-тренера</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Ключ API</translation>
    </message>
    <message>
        <source>The AI coach&apos;s server must be an http(s) address.</source>
        <translation>Адрес сервера ИИ-тренера должен начинаться с http(s).</translation>
    </message>
    <message>
        <source>AI coach saved.</source>
        <translation>ИИ-тренер сохранён.</translation>
    </message>
    <message>
        <source>AI coach saved, but the keychain refused the key: %1</source>
        <translation>ИИ-тренер сохранён, но хранилище паролей не приняло ключ: %1</translation>
    </message>
    <message>
        <source>Estimate from my activities…</source>
        <translation>Оценить по моим тренировкам…</translation>
    </message>
    <message>
        <source>Thresholds from your best efforts of the last 90 days, each with where it comes from</source>
        <translation>Пороги по вашим лучшим усилиям за последние 90 дней, с указанием, откуда взято каждое значение</translation>
    </message>
    <message>
        <source>Thresholds saved.</source>
        <translation>Пороги сохранены.</translation>
    </message>
</context>
<context>
    <name>tricoach::SportPie</name>
    <message>
        <source>%1 %2% · %3 h</source>
        <translation>%1 %2% · %3 ч</translation>
    </message>
    <message>
        <source>No activities in these days</source>
        <translation>Нет тренировок за эти дни</translation>
    </message>
</context>
<context>
    <name>tricoach::StravaController</name>
    <message>
        <source>Strava is disconnected; your synced activities stay.</source>
        <translation>Strava отключена; синхронизированные тренировки остаются.</translation>
    </message>
    <message>
        <source>Strava could not be told: revoke TriCoach&apos;s access at https://www.strava.com/settings/apps.</source>
        <translation>Сообщить Strava не удалось: отзовите доступ TriCoach на https://www.strava.com/settings/apps.</translation>
    </message>
    <message>
        <source>Strava access was revoked on Strava: sign in to your TriCoach account with Strava again to keep syncing.</source>
        <translation>Доступ отозван на сайте Strava: снова войдите в аккаунт TriCoach через Strava, чтобы продолжить синхронизацию.</translation>
    </message>
</context>
<context>
    <name>tricoach::StravaSettings</name>
    <message>
        <source>Strava</source>
        <translation>Strava</translation>
    </message>
    <message>
        <source>Ask again</source>
        <translation>Запросить снова</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Подключить заново</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Waiting for Strava in your browser…</source>
        <translation>Ждём ответа Strava в вашем браузере…</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Подключить</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Синхронизировать</translation>
    </message>
    <message>
        <source>Force refresh</source>
        <translation>Обновить полностью</translation>
    </message>
    <message>
        <source>List your whole Strava history again: edits are applied, deleted activities removed</source>
        <translation>Заново получить всю историю Strava: правки применяются, удалённые тренировки удаляются</translation>
    </message>
    <message>
        <source>Disconnect…</source>
        <translation>Отключить…</translation>
    </message>
    <message>
        <source>Connected to Strava as %1; your activities are on their way.</source>
        <translation>Strava подключена: %1; тренировки загружаются.</translation>
    </message>
    <message>
        <source>Your own Strava API application</source>
        <translation>Собственное приложение Strava API</translation>
    </message>
    <message>
        <source>Create one at &lt;a href=&quot;https://www.strava.com/settings/api&quot;&gt;strava.com/settings/api&lt;/a&gt; with 127.0.0.1 as its Authorization Callback Domain, then enter its client id and secret. Your password stays with Strava, in your browser.</source>
        <translation>Создайте его на &lt;a href=&quot;https://www.strava.com/settings/api&quot;&gt;strava.com/settings/api&lt;/a&gt;, указав 127.0.0.1 в поле Authorization Callback Domain, и введите его Client ID и секрет. Ваш пароль остаётся у Strava, в вашем браузере.</translation>
    </message>
    <message>
        <source>a number, e.g. 12345</source>
        <translation>число, например 12345</translation>
    </message>
    <message>
        <source>kept in your system&apos;s keychain</source>
        <translation>хранится в системной связке ключей</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>Client ID</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Секрет клиента</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Дополнительно</translation>
    </message>
    <message>
        <source>Save addresses</source>
        <translation>Сохранить адреса</translation>
    </message>
    <message>
        <source>Where Strava is: leave empty for Strava itself. For Strava&apos;s new API address, or a test server.</source>
        <translation>Адреса Strava: оставьте пустыми для самой Strava. Нужны для нового адреса API Strava или тестового сервера.</translation>
    </message>
    <message>
        <source>API base URL</source>
        <translation>Базовый URL API</translation>
    </message>
    <message>
        <source>OAuth base URL</source>
        <translation>Базовый URL OAuth</translation>
    </message>
    <message>
        <source>Strava&apos;s addresses must be http(s) addresses, or empty for Strava itself.</source>
        <translation>Адреса Strava должны быть адресами http(s) или пустыми для самой Strava.</translation>
    </message>
    <message>
        <source>Strava&apos;s addresses saved.</source>
        <translation>Адреса Strava сохранены.</translation>
    </message>
    <message>
        <source>Strava stopped accepting TriCoach&apos;s access (revoked on Strava, or the sign-in expired). Your activities stay; reconnect to sync again.</source>
        <translation>Strava больше не принимает доступ TriCoach (его отозвали в Strava или истёк срок входа). Тренировки остаются; подключите Strava заново, чтобы снова синхронизировать.</translation>
    </message>
    <message>
        <source>Connect again</source>
        <translation>Подключить заново</translation>
    </message>
    <message>
        <source>Enter your Strava application&apos;s client id and secret first.</source>
        <translation>Сначала введите Client ID и секрет вашего приложения Strava.</translation>
    </message>
    <message>
        <source>Enter the client secret of application %1 too.</source>
        <translation>Введите также секрет приложения %1.</translation>
    </message>
    <message>
        <source>Disconnect Strava</source>
        <translation>Отключить Strava</translation>
    </message>
    <message>
        <source>Disconnect Strava from this profile? Your synced activities stay; TriCoach stops syncing and asks Strava to end its access.</source>
        <translation>Отключить Strava от этого профиля? Синхронизированные тренировки остаются; TriCoach прекратит синхронизацию и попросит Strava закрыть ему доступ.</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Отключить</translation>
    </message>
    <message>
        <source>Strava&apos;s sign-in page</source>
        <translation>страницу входа Strava</translation>
    </message>
    <message>
        <source>No browser window? Open %1 yourself.</source>
        <translation>Окно браузера не появилось? Откройте %1 сами.</translation>
    </message>
    <message>
        <source>No browser could be opened: open %1 yourself.</source>
        <translation>Не удалось открыть браузер: откройте %1 сами.</translation>
    </message>
    <message>
        <source>Through my TriCoach account (Settings ▸ TriCoach account)</source>
        <translation>Через мой аккаунт TriCoach (Настройки ▸ Аккаунт TriCoach)</translation>
    </message>
</context>
<context>
    <name>tricoach::StravaStatusBar</name>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Stop the sync; what arrived stays</source>
        <translation>Остановить синхронизацию; полученное остаётся</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Подключить заново</translation>
    </message>
    <message>
        <source>Strava: syncing…</source>
        <translation>Strava: синхронизация…</translation>
    </message>
    <message>
        <source>Strava: %1</source>
        <translation>Strava: %1</translation>
    </message>
</context>
<context>
    <name>tricoach::StravaText</name>
    <message>
        <source>%1 %2</source>
        <comment>weekday and time</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>date and time</comment>
        <translation>%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n pages listed</source>
        <translation>
            <numerusform>страниц списка: %n</numerusform>
            <numerusform>страниц списка: %n</numerusform>
            <numerusform>страниц списка: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Strava: %1</source>
        <translation>Strava: %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message numerus="yes">
        <source> · %1 of %n recordings</source>
        <translation>
            <numerusform> · %1 из %n записи</numerusform>
            <numerusform> · %1 из %n записей</numerusform>
            <numerusform> · %1 из %n записей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recordings left</source>
        <translation>
            <numerusform>осталась %n запись</numerusform>
            <numerusform>осталось %n записи</numerusform>
            <numerusform>осталось %n записей</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, all by %2</source>
        <translation>%1, все к %2</translation>
    </message>
    <message>
        <source>Strava: waiting for Strava&apos;s rate limit until %1</source>
        <translation>Strava: ждём лимита запросов Strava до %1</translation>
    </message>
    <message>
        <source>Strava: waiting for Strava&apos;s rate limit until %1 (%2)</source>
        <translation>Strava: ждём лимита запросов Strava до %1 (%2)</translation>
    </message>
    <message>
        <source>Strava: up to date (synced within the last hour; Force refresh asks Strava now)</source>
        <translation>Strava: всё актуально (синхронизировано в течение последнего часа; «Обновить полностью» спросит Strava сейчас)</translation>
    </message>
    <message numerus="yes">
        <source>; %n recordings still to fetch</source>
        <translation>
            <numerusform>; ещё %n запись к загрузке</numerusform>
            <numerusform>; ещё %n записи к загрузке</numerusform>
            <numerusform>; ещё %n записей к загрузке</numerusform>
        </translation>
    </message>
    <message>
        <source>Strava: stopped; what arrived stays (%1)</source>
        <translation>Strava: остановлено; полученное остаётся (%1)</translation>
    </message>
    <message>
        <source>Strava no longer accepts TriCoach&apos;s access (it was revoked on Strava, or the sign-in expired). Your activities stay; reconnect to sync again.</source>
        <translation>Strava больше не принимает доступ TriCoach (его отозвали в Strava или истёк срок входа). Тренировки остаются; подключите Strava заново, чтобы снова синхронизировать.</translation>
    </message>
    <message>
        <source>Another TriCoach window or command is syncing this profile with Strava; try again when it has finished.</source>
        <translation>Этот профиль уже синхронизирует со Strava другое окно или команда TriCoach; повторите, когда они закончат.</translation>
    </message>
    <message>
        <source>Strava&apos;s page was cancelled: nothing changed.</source>
        <translation>Страница Strava отменена: ничего не изменилось.</translation>
    </message>
    <message>
        <source>Cancelled: nothing changed.</source>
        <translation>Отменено: ничего не изменилось.</translation>
    </message>
    <message>
        <source>Strava&apos;s page did not answer in time: nothing changed. Connect again to retry.</source>
        <translation>Страница Strava не ответила вовремя: ничего не изменилось. Подключите заново, чтобы повторить.</translation>
    </message>
    <message>
        <source>Strava is not connected for this profile: connect it first.</source>
        <translation>Strava не подключена к этому профилю: сначала подключите её.</translation>
    </message>
    <message>
        <source>Strava could not be reached: %1</source>
        <translation>Не удалось связаться со Strava: %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Не подключено</translation>
    </message>
    <message>
        <source>Connected as %1</source>
        <translation>Подключено: %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Ещё не синхронизировано</translation>
    </message>
    <message>
        <source>Last sync: today at %1</source>
        <translation>Последняя синхронизация: сегодня в %1</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Последняя синхронизация: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n activities from Strava</source>
        <translation>
            <numerusform>%n тренировка из Strava</numerusform>
            <numerusform>%n тренировки из Strava</numerusform>
            <numerusform>%n тренировок из Strava</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recordings still to fetch</source>
        <translation>
            <numerusform>ещё %n запись к загрузке</numerusform>
            <numerusform>ещё %n записи к загрузке</numerusform>
            <numerusform>ещё %n записей к загрузке</numerusform>
        </translation>
    </message>
    <message>
        <source>Private activities are left out — Connect again to grant them (leave &quot;View data about your private activities&quot; ticked).</source>
        <translation>Приватные тренировки не загружаются — подключите заново, чтобы разрешить их (оставьте отмеченным «View data about your private activities»).</translation>
    </message>
    <message>
        <source>%1 new</source>
        <comment>activities</comment>
        <translation>новых: %1</translation>
    </message>
    <message>
        <source>%1 updated</source>
        <comment>activities</comment>
        <translation>изменено: %1</translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <comment>activities</comment>
        <translation>удалено: %1</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <comment>activities</comment>
        <translation>с ошибкой: %1</translation>
    </message>
</context>
<context>
    <name>tricoach::SwimSetsView</name>
    <message>
        <source>Freestyle</source>
        <translation>Вольный стиль</translation>
    </message>
    <message>
        <source>Backstroke</source>
        <translation>На спине</translation>
    </message>
    <message>
        <source>Breaststroke</source>
        <translation>Брасс</translation>
    </message>
    <message>
        <source>Butterfly</source>
        <translation>Баттерфляй</translation>
    </message>
    <message>
        <source>Drill</source>
        <translation>Упражнение</translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>Смешанный</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Серия</translation>
    </message>
    <message>
        <source>Stroke</source>
        <translation>Стиль</translation>
    </message>
    <message>
        <source>Lengths</source>
        <translation>Длин</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Дистанция</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Pace /100 yd</source>
        <translation>Темп /100 ярдов</translation>
    </message>
    <message>
        <source>Pace /100 m</source>
        <translation>Темп /100 м</translation>
    </message>
    <message>
        <source>Rest after</source>
        <translation>Отдых после</translation>
    </message>
    <message>
        <source>Strokes / length</source>
        <translation>Гребков / длину</translation>
    </message>
    <message>
        <source>No active lengths were recorded.</source>
        <translation>Не записано ни одной проплытой длины.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; in %2 lengths of %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; за %2 длин по %3</translation>
    </message>
    <message>
        <source>swimming &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>в воде &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; avg</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; в среднем</translation>
    </message>
    <message>
        <source>resting &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>отдых &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>sets: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>серий: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>tricoach::ThresholdAdvisor</name>
    <message>
        <source>Your thresholds stay as they were.</source>
        <translation>Пороги остались прежними.</translation>
    </message>
    <message>
        <source>Loads stay estimates until you set thresholds; you can do that any time in Settings.</source>
        <translation>Пока пороги не заданы, нагрузка остаётся оценкой; задать их можно в любой момент в Настройках.</translation>
    </message>
    <message>
        <source>Thresholds saved.</source>
        <translation>Пороги сохранены.</translation>
    </message>
</context>
<context>
    <name>tricoach::ThresholdNotice</name>
    <message>
        <source>Update</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Скрыть</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 %2&lt;/b&gt; (now %3): %4</source>
        <translation>&lt;b&gt;%1 %2&lt;/b&gt; (сейчас %3): %4</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 %2&lt;/b&gt; (not set): %3</source>
        <translation>&lt;b&gt;%1 %2&lt;/b&gt; (не задано): %3</translation>
    </message>
    <message>
        <source>Your new activities suggest better thresholds:</source>
        <translation>Новые тренировки говорят о лучших порогах:</translation>
    </message>
</context>
<context>
    <name>tricoach::VolumeChart</name>
    <message>
        <source>Hours</source>
        <translation>Часы</translation>
    </message>
    <message>
        <source>Miles</source>
        <translation>Мили</translation>
    </message>
    <message>
        <source>Kilometres</source>
        <translation>Километры</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Нагрузка</translation>
    </message>
    <message>
        <source>No activities in these days</source>
        <translation>Нет тренировок за эти дни</translation>
    </message>
</context>
<context>
    <name>tricoach::WelcomePage</name>
    <message>
        <source>Welcome to TriCoach</source>
        <translation>Добро пожаловать в TriCoach</translation>
    </message>
    <message>
        <source>Your training log, your Fitness, Fatigue and Form, and a coach that plans with you — on your computer, working offline. How would you like to start?</source>
        <translation>Ваш дневник тренировок, ваши Тренированность, Усталость и Форма и тренер, который планирует вместе с вами, — на вашем компьютере и без интернета. С чего начнём?</translation>
    </message>
    <message>
        <source>Connect Strava</source>
        <translation>Подключить Strava</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>Импортировать файлы…</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>Импорт файлов</translation>
    </message>
    <message>
        <source>FIT, TCX and GPX files, zipped exports from Garmin Connect or Strava, or a whole folder such as a watch&apos;s GARMIN/Activity. You can also drop them onto this window.</source>
        <translation>Файлы FIT, TCX и GPX, ZIP-архивы экспорта из Garmin Connect или Strava или целая папка, например GARMIN/Activity с часов. Их также можно перетащить в это окно.</translation>
    </message>
    <message>
        <source>Explore a sample season</source>
        <translation>Посмотреть пример сезона</translation>
    </message>
    <message>
        <source>A generated season of a triathlete building to a race, in a profile of its own, so every chart has something to show. Your own data stays separate.</source>
        <translation>Сгенерированный сезон триатлета, готовящегося к старту, в отдельном профиле — чтобы на каждом графике было что показать. Ваши собственные данные хранятся отдельно.</translation>
    </message>
    <message>
        <source>Sign in to Strava in your browser and TriCoach fetches your whole history, then what is new each time you sync. You need a Strava API application of your own (free, a minute to create); Settings shows how.</source>
        <translation>Войдите в Strava в браузере, и TriCoach загрузит всю вашу историю, а затем при каждой синхронизации — новое. Нужно собственное приложение Strava API (бесплатно, создаётся за минуту); как это сделать, показано в Настройках.</translation>
    </message>
</context>
</TS>
