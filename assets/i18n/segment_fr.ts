<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name />
    <message>
        <source>randomised</source>
        <translation>aléatoire</translation>
    </message>
    <message>
        <source>Dice train</source>
        <translation>Dice entraînement</translation>
    </message>
    <message>
        <source>Dice test</source>
        <translation>Dice test</translation>
    </message>
    <message>
        <source>IoU train</source>
        <translation>IoU entraînement</translation>
    </message>
    <message>
        <source>IoU test</source>
        <translation>IoU test</translation>
    </message>
    <message>
        <source>Dice test, box prompt</source>
        <translation>Dice test, invite par boîte</translation>
    </message>
    <message>
        <source>narrow · training scanner</source>
        <translation>étroit · scanner d'origine</translation>
    </message>
    <message>
        <source>narrow · other scanner</source>
        <translation>étroit · autre scanner</translation>
    </message>
    <message>
        <source>randomised · training scanner</source>
        <translation>aléatoire · scanner d'origine</translation>
    </message>
    <message>
        <source>randomised · other scanner</source>
        <translation>aléatoire · autre scanner</translation>
    </message>
    <message>
        <source>narrow</source>
        <translation>étroit</translation>
    </message>
    <message>
        <source>randomised-synthesis</source>
        <translation>à synthèse aléatoire</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>époque</translation>
    </message>
    <message>
        <source>score</source>
        <translation>score</translation>
    </message>
    <message>
        <source>Test slice</source>
        <translation>Coupe de test</translation>
    </message>
    <message>
        <source>&lt;br&gt;Dice test with box prompts &lt;b&gt;{dice}&lt;/b&gt;</source>
        <translation>&lt;br&gt;Dice test avec invites par boîte &lt;b&gt;{dice}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Dice on test slices</source>
        <translation>Dice sur les coupes de test</translation>
    </message>
    <message>
        <source>narrow domain</source>
        <translation>domaine étroit</translation>
    </message>
    <message>
        <source>randomised synthesis</source>
        <translation>synthèse aléatoire</translation>
    </message>
    <message>
        <source>test: training scanner</source>
        <translation>test : scanner d'entraînement</translation>
    </message>
    <message>
        <source>test: the other scanner</source>
        <translation>test : l'autre scanner</translation>
    </message>
    <message>
        <source>step</source>
        <translation>pas</translation>
    </message>
    <message>
        <source>{percent}%</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <source>Narrow model: Dice &lt;b&gt;{n_home}&lt;/b&gt; on scanner {home}, &lt;b&gt;{n_away}&lt;/b&gt; on scanner {away} (drop {n_drop}). Randomised synthesis: &lt;b&gt;{z_home}&lt;/b&gt; and &lt;b&gt;{z_away}&lt;/b&gt; (drop {z_drop}).</source>
        <translation>Modèle étroit : Dice &lt;b&gt;{n_home}&lt;/b&gt; sur le scanner {home}, &lt;b&gt;{n_away}&lt;/b&gt; sur le scanner {away} (baisse {n_drop}). Synthèse aléatoire : &lt;b&gt;{z_home}&lt;/b&gt; et &lt;b&gt;{z_away}&lt;/b&gt; (baisse {z_drop}).</translation>
    </message>
    <message>
        <source>{title} (trained on scanner {home})</source>
        <translation>{title} (entraîné sur {home})</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Domain shift&lt;/b&gt;: step {step} of {total}&lt;/p&gt;&lt;p&gt;{engine}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Décalage de domaine&lt;/b&gt; : pas {step} sur {total}&lt;/p&gt;&lt;p&gt;{engine}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Rows: scanner A (narrow domain), scanner B (shifted), randomised synthesis; blue: the liver mask.</source>
        <translation>Lignes : scanner A (domaine étroit), scanner B (décalé), synthèse aléatoire ; en bleu : le masque du foie.</translation>
    </message>
    <message>
        <source>A · B · randomised</source>
        <translation>A · B · aléatoire</translation>
    </message>
    <message>
        <source>CT slices (*.png *.tif *.tiff *.dcm *.dicom *.nii *.nii.gz);;All files (*)</source>
        <translation>Coupes CT (*.png *.tif *.tiff *.dcm *.dicom *.nii *.nii.gz);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Export the liver mask as an 8-bit PNG (0 and 255)</source>
        <translation>Exporter le masque du foie en PNG 8 bits (0 et 255)</translation>
    </message>
    <message>
        <source>Export the liver mask as NIfTI (0 and 1), with the scan's orientation</source>
        <translation>Exporter le masque du foie en NIfTI (0 et 1), avec l'orientation de l'examen</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personnalisée</translation>
    </message>
    <message>
        <source>Window width W (HU): the range of values shown from black to white</source>
        <translation>Largeur de fenêtre W (UH) : l'étendue des valeurs montrées du noir au blanc</translation>
    </message>
    <message>
        <source>Window level L (HU): the value shown as mid-grey</source>
        <translation>Niveau de fenêtre L (UH) : la valeur montrée en gris moyen</translation>
    </message>
    <message>
        <source>Slice</source>
        <translation>Coupe</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not opened:&lt;/b&gt; {problem}. The current slice is unchanged.</source>
        <translation>&lt;b&gt;Non ouvert :&lt;/b&gt; {problem}. La coupe affichée est inchangée.</translation>
    </message>
    <message>
        <source>Your slice: {file}</source>
        <translation>Votre coupe : {file}</translation>
    </message>
    <message>
        <source>Switch to the Train tab (experiment 'Train a U-Net') to segment a slice.</source>
        <translation>Passez à l'onglet Entraîner (expérience « Entraîner un U-Net ») pour segmenter une coupe.</translation>
    </message>
    <message>
        <source>Export mask</source>
        <translation>Exporter le masque</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not exported:&lt;/b&gt; {problem}</source>
        <translation>&lt;b&gt;Non exporté :&lt;/b&gt; {problem}</translation>
    </message>
    <message>
        <source>Mask written to {path}.</source>
        <translation>Masque écrit dans {path}.</translation>
    </message>
    <message>
        <source>The experiment's slice {path} is no longer there.</source>
        <translation>La coupe de l'expérience, {path}, n'est plus là.</translation>
    </message>
</context>
</TS>